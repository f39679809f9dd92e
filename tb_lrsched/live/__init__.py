"""Live checks during training: the offline verdicts while the run goes on.

`LiveCheck` (plain loops) is importable from here; the framework adapters are
in their own modules, which import their framework:

- Keras: `tb_lrsched.live.keras.LiveLRCheck` (also `tb_lrsched.keras_callback`)
- Lightning: `tb_lrsched.live.lightning.LiveLRCheck`
- Hugging Face: `tb_lrsched.live.hf.LiveLRCheck`

Importing this package imports numpy and tb_lrsched only. See docs/logging.md.
"""

from tb_lrsched.live.check import LiveCheck
from tb_lrsched.live.core import TEXT_TAG, LiveCore, format_line, format_markdown

__all__ = ["LiveCheck", "LiveCore", "TEXT_TAG", "format_line", "format_markdown"]
