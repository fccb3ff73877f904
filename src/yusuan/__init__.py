"""yusuan (预算): check, prepare and compare Chinese public budget disclosure documents."""

__version__ = "0.1.0"
