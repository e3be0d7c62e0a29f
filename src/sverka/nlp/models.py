"""Lazy, once-per-process loading of the navec and slovnet models that ship inside natasha.

The natasha package is used only as the carrier of the model files: importing it would pull in
pymorphy2, so the files are found without executing the package.
"""

from __future__ import annotations

import importlib.util
import os
from functools import cache
from pathlib import Path
from typing import Any

NER_BATCH = 16
MORPH_BATCH = 64
SYNTAX_BATCH = 64


@cache
def natasha_data() -> Path:
    spec = importlib.util.find_spec("natasha")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the natasha package (which carries the models) is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


@cache
def limit_blas_threads() -> None:
    """One BLAS thread per process (SVERKA_BLAS_THREADS to change it).

    The slovnet models multiply many small matrices; with OpenBLAS's default thread per core, its
    threads spin against each other and against the ingest worker processes: the syntax parser
    ran 6x slower on two busy cores than with one thread.
    """
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=int(os.environ.get("SVERKA_BLAS_THREADS", "1")), user_api="blas")


@cache
def navec() -> Any:
    from navec import Navec

    limit_blas_threads()

    return Navec.load(natasha_data() / "emb" / "navec_news_v1_1B_250K_300d_100q.tar")


@cache
def ner_tagger() -> Any:
    from slovnet import NER

    model = NER.load(natasha_data() / "model" / "slovnet_ner_news_v1.tar", batch_size=NER_BATCH)
    model.navec(navec())
    return model


@cache
def morph_tagger() -> Any:
    from slovnet import Morph

    model = Morph.load(natasha_data() / "model" / "slovnet_morph_news_v1.tar", batch_size=MORPH_BATCH)
    model.navec(navec())
    return model


@cache
def syntax_parser() -> Any:
    from slovnet import Syntax

    model = Syntax.load(natasha_data() / "model" / "slovnet_syntax_news_v1.tar", batch_size=SYNTAX_BATCH)
    model.navec(navec())
    return model


@cache
def morph_analyzer() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()
