"""A config whose formatted text is computed once per content.

MMEngine formats a config with yapf each time ``Config.pretty_text`` is read:
the Runner reads it to log the config, to dump it into the work dir and at
every checkpoint (the checkpoint's ``meta['cfg']``). A two-network TRS config
is about 28,000 characters and takes about 2.7 s of CPU to format on the
project's 2-core machine, so a short training spent most of its time in yapf.
The text depends on the config's content only, so it is kept by content.
"""
from typing import Dict, Tuple

from mmengine.config import Config
from mmengine.runner import Runner

#: formatted text by (formatted?, repr of the config's dict); a few entries
_TEXTS: Dict[Tuple[bool, str], str] = {}
_MAX_TEXTS = 4


class FormattedOnceConfig(Config):
    """:class:`mmengine.config.Config` with ``pretty_text`` kept by content.

    The same content gives the same text as :class:`Config` (it is
    :class:`Config`'s text, computed on the first read); a changed config is
    formatted again. Deep copies (the Runner makes them) keep the class.
    """

    @classmethod
    def of(cls, cfg: Config) -> 'FormattedOnceConfig':
        """The same config (its state shared, not copied) in this class."""
        other = cls.__new__(cls)
        for key, value in cfg.__dict__.items():
            object.__setattr__(other, key, value)
        return other

    @property
    def pretty_text(self) -> str:
        """The config's formatted text (:attr:`Config.pretty_text`)."""
        key = (bool(self._format_python_code), repr(self.to_dict()))
        text = _TEXTS.get(key)
        if text is None:
            text = super().pretty_text
            if len(_TEXTS) >= _MAX_TEXTS:
                _TEXTS.pop(next(iter(_TEXTS)))
            _TEXTS[key] = text
        return text


def runner_from_cfg(cfg: Config) -> Runner:
    """``Runner.from_cfg`` with the config's text formatted once
    (:class:`FormattedOnceConfig`), as the train and test tools build it."""
    return Runner.from_cfg(FormattedOnceConfig.of(cfg))
