# Models built from a @dataclass config, with its defaults and with arguments, and **kwargs passed through.
from dataclasses import dataclass, field
from typing import Optional, Tuple

import keras
from keras import layers


@dataclass
class Config:
    input_dim: int = 32
    hidden: Tuple[int, ...] = (64, 32)
    dropout: float = 0.1
    classes: int = 5
    name: Optional[str] = None


def mlp(cfg: Config, **kwargs) -> keras.Model:
    inputs = keras.Input(shape=(cfg.input_dim,))
    x = inputs
    for units in cfg.hidden:
        x = layers.Dense(units, activation="relu", **kwargs)(x)
        if cfg.dropout:
            x = layers.Dropout(cfg.dropout)(x)
    return keras.Model(inputs, layers.Dense(cfg.classes)(x), name=cfg.name)


if __name__ == "__main__":
    small = mlp(Config())
    wide = mlp(Config(hidden=(128, 128, 64), dropout=0.0, name="wide"), use_bias=False)
