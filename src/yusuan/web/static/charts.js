// Draws the charts of a page from its <script type="application/json" id="chart-data"> block.
// Values are decimal strings in 万元 (exact, from the server); ECharts reads them as numbers.
(function () {
  var block = document.getElementById("chart-data");
  if (!block || !window.echarts) return;
  var data = JSON.parse(block.textContent);
  var money = function (v) { return v == null ? "—" : Number(v).toFixed(2) + " 万元"; };
  var tip = { formatter: function (p) { return p.name + "：" + money(p.value); } };
  var builders = {
    treemap: function (d) {
      return { tooltip: tip, series: [{ type: "treemap", data: d, roam: false, nodeClick: false,
        breadcrumb: { show: false }, width: "100%", height: "100%", top: 0, left: 0,
        label: { show: true, formatter: function (p) { return p.name + "\n" + money(p.value); } },
        levels: [
          { upperLabel: { show: false }, itemStyle: { gapWidth: 3 } },
          { upperLabel: { show: true, height: 20, color: "#fff", fontWeight: "bold",
                          formatter: function (p) { return p.name + "  " + money(p.value); } },
            itemStyle: { borderColor: "#fff", borderWidth: 3, gapWidth: 1 } },
          { colorSaturation: [0.35, 0.55], itemStyle: { borderColorSaturation: 0.7, gapWidth: 1, borderWidth: 1 },
            label: { formatter: function (p) { return p.name + "\n" + money(p.value); } } }] }] };
    },
    pie: function (d) {
      return { tooltip: { formatter: function (p) { return p.name + "：" + money(p.value) + "（" + p.percent + "%）"; } },
        legend: { bottom: 0 },
        series: [{ type: "pie", radius: ["35%", "65%"], data: d,
          label: { formatter: function (p) { return p.name + "\n" + p.percent + "%"; } } }] };
    },
    hbar: function (d) {
      var rows = d.slice().reverse();
      return { tooltip: { trigger: "axis", valueFormatter: money }, grid: { left: 10, right: 40, containLabel: true },
        xAxis: { type: "value", name: "万元" }, yAxis: { type: "category", data: rows.map(function (r) { return r.name; }) },
        series: [{ type: "bar", data: rows.map(function (r) { return r.value; }), label: { show: true, position: "right" } }] };
    },
    bars: function (d) {  // {categories, series: [{name, data}]}
      var turned = d.categories.length > 4;
      return { tooltip: { trigger: "axis", valueFormatter: money }, legend: { top: 0 },
        grid: { left: turned ? 60 : 10, right: 20, bottom: 10, top: 40, containLabel: true },
        xAxis: { type: "category", data: d.categories,
                 axisLabel: { interval: 0, rotate: turned ? 30 : 0, width: 130, overflow: "truncate" } },
        yAxis: { type: "value", name: "万元" },
        series: d.series.map(function (s) { return { type: "bar", name: s.name, data: s.data }; }) };
    },
    lines: function (d) {  // {categories, series: [{name, data}]}
      return { tooltip: { trigger: "axis", valueFormatter: money }, legend: { top: 0 },
        grid: { left: 10, right: 20, bottom: 10, top: 40, containLabel: true },
        xAxis: { type: "category", data: d.categories }, yAxis: { type: "value", name: "万元" },
        series: d.series.map(function (s) { return { type: "line", name: s.name, data: s.data, connectNulls: false }; }) };
    }
  };
  var defaults = { by_class: "treemap", basic_project: "pie", economic: "hbar", three_public: "pie" };
  document.querySelectorAll("[data-chart]").forEach(function (el) {
    var key = el.getAttribute("data-chart"), d = data[key];
    if (!d) return;
    var kind = (d && d.kind) || defaults[key] || "hbar";
    var chart = echarts.init(el, null, { renderer: "svg" });
    var option = builders[kind](d.kind ? d : d);
    option.animation = false;
    chart.setOption(option);
    window.addEventListener("resize", function () { chart.resize(); });
  });
  document.documentElement.setAttribute("data-charts-ready", "1");
})();
