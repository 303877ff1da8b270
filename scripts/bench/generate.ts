/**
 * Generates realistic Keras source files of a requested length for the benchmark: Sequential add-chains
 * and lists, functional blocks with merges, model builders in functions, a subclassed model, and plain
 * non-Keras code in between. Deterministic (seeded), so runs are comparable; measuring is `main.ts`'s job.
 */

/** A small deterministic generator (mulberry32): the same seed gives the same file. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Block = (i: number, pick: <T>(items: readonly T[]) => T) => string;

const HEADER = `"""Training experiments: several models, data helpers and utilities (generated for the benchmark)."""
import math
import os
import random

import numpy as np
import keras
from keras import layers, Input, Model
from keras.layers import Dense, Dropout, Conv2D, MaxPooling2D, Flatten, BatchNormalization

EPOCHS = 10
BATCH_SIZE = 32
`;

const sequentialAdd: Block = (i, pick) => `
# Sequential model ${i}: a classifier built with add().
model_${i} = keras.Sequential(name="classifier_${i}")
model_${i}.add(Input(shape=(${pick([16, 32, 64, 784])},)))
model_${i}.add(Dense(${pick([32, 64, 128])}, activation="relu"))
model_${i}.add(Dropout(0.${pick([1, 2, 3])}))
model_${i}.add(Dense(${pick([16, 32, 64])}, activation="relu"))
model_${i}.add(BatchNormalization())
model_${i}.add(Dense(${pick([2, 10, 100])}, activation="softmax"))
model_${i}.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
`;

const sequentialList: Block = (i, pick) => `
# Sequential model ${i}: a small convnet given as a list.
convnet_${i} = keras.Sequential([
    Input(shape=(${pick([28, 32, 64])}, ${pick([28, 32, 64])}, ${pick([1, 3])})),
    Conv2D(${pick([16, 32])}, ${pick([3, 5])}, activation="relu"),
    MaxPooling2D(2),
    Conv2D(${pick([32, 64])}, 3, padding="same", activation="relu"),
    MaxPooling2D(),
    Flatten(),
    Dropout(0.5),
    Dense(${pick([10, 20])}, activation="softmax"),
])
`;

const functionalMerge: Block = (i, pick) => `
# Functional model ${i}: two branches merged, a residual connection.
inputs_${i} = Input(shape=(${pick([32, 48, 96])},), name="features_${i}")
left_${i} = layers.Dense(${pick([64, 128])}, activation="relu")(inputs_${i})
left_${i} = layers.Dense(32)(left_${i})
right_${i} = layers.Dense(32, activation="tanh")(inputs_${i})
merged_${i} = layers.concatenate([left_${i}, right_${i}])
residual_${i} = layers.Dense(64)(merged_${i})
summed_${i} = layers.add([residual_${i}, merged_${i}])
outputs_${i} = layers.Dense(${pick([1, 3, 10])}, name="head_${i}")(summed_${i})
functional_${i} = Model(inputs=inputs_${i}, outputs=outputs_${i})
`;

const builderFunction: Block = (i, pick) => `

def build_model_${i}(units=${pick([32, 64, 128])}, depth=${pick([2, 3, 4])}, rate=0.2):
    """Builds a multilayer perceptron with \`depth\` hidden layers."""
    model = keras.Sequential()
    model.add(Input(shape=(${pick([20, 40, 80])},)))
    for _ in range(depth):
        model.add(layers.Dense(units, activation="relu"))
        model.add(layers.Dropout(rate))
        units = units // 2
    model.add(layers.Dense(1, activation="sigmoid"))
    return model


mlp_${i} = build_model_${i}(units=${pick([64, 256])})
`;

const subclassed: Block = (i, pick) => {
  const width = pick([16, 32]);
  return `

class Block${i}(keras.Model):
    """A residual block as a subclassed model."""

    def __init__(self, units=${width}, **kwargs):
        super().__init__(**kwargs)
        self.dense_a = layers.Dense(units, activation="relu")
        self.dense_b = layers.Dense(units)
        self.norm = layers.LayerNormalization()

    def call(self, x):
        y = self.dense_a(x)
        y = self.dense_b(y)
        return self.norm(x + y)


block_inputs_${i} = Input(shape=(${width},))
block_model_${i} = Model(block_inputs_${i}, Block${i}(units=${width})(block_inputs_${i}))
`;
};

const plainHelpers: Block = (i, pick) => `

def load_batches_${i}(path, batch_size=BATCH_SIZE, shuffle=True):
    """Reads samples from \`path\` and yields them in batches (plain Python, no Keras)."""
    samples = []
    with open(path) as handle:
        for line in handle:
            fields = line.strip().split(",")
            if not fields or fields[0].startswith("#"):
                continue
            samples.append([float(x) for x in fields])
    if shuffle:
        random.shuffle(samples)
    for start in range(0, len(samples), batch_size):
        yield np.array(samples[start:start + batch_size])


def learning_rate_${i}(epoch, base=${pick(['1e-3', '3e-4', '0.01'])}):
    warmup = ${pick([2, 5])}
    if epoch < warmup:
        return base * (epoch + 1) / warmup
    return base * 0.5 * (1 + math.cos(math.pi * (epoch - warmup) / max(1, EPOCHS - warmup)))


CONFIG_${i} = {
    "name": "experiment_${i}",
    "epochs": EPOCHS,
    "schedule": [learning_rate_${i}(e) for e in range(EPOCHS)],
    "paths": {"train": os.path.join("data", "train_${i}.csv"), "test": os.path.join("data", "test_${i}.csv")},
}
`;

const plainClass: Block = (i) => `

class Metrics${i}:
    """Running averages of training metrics (plain Python)."""

    def __init__(self):
        self.totals = {}
        self.counts = {}

    def update(self, name, value):
        self.totals[name] = self.totals.get(name, 0.0) + value
        self.counts[name] = self.counts.get(name, 0) + 1

    def result(self):
        return {name: total / self.counts[name] for name, total in self.totals.items()}

    def __repr__(self):
        parts = ", ".join(f"{k}={v:.4f}" for k, v in self.result().items())
        return f"Metrics${i}({parts})"
`;

const BLOCKS: readonly Block[] = [sequentialAdd, plainHelpers, functionalMerge, sequentialList, plainClass, builderFunction, subclassed];

/** A file of about `lines` lines (never fewer), made of the blocks above in a fixed rotation. */
export function generateKerasSource(lines: number, seed = 1): string {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const parts = [HEADER];
  let count = HEADER.split('\n').length;
  for (let i = 0; count < lines; i++) {
    const block = BLOCKS[i % BLOCKS.length](i, pick);
    parts.push(block);
    count += block.split('\n').length - 1;
  }
  return parts.join('');
}
