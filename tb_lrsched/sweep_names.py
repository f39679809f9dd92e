"""Names and number patterns a sweep's LR is written with (run names, hparams, text)."""

NUM = r"([0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?)"
HP_KEYS = ("lr", "learning_rate", "learningrate", "learning-rate", "max_lr", "peak_lr")
