"""TensorBoard event files, written with tf.summary on any Keras backend (TensorBoard's format
has no other writer); imported only when asked for."""


import importlib.util


def require_tensorboard():
    """Raise a clear ImportError unless TensorFlow and TensorBoard are installed (checked without
    importing them)."""
    missing = [name for name in ("tensorflow", "tensorboard") if importlib.util.find_spec(name) is None]
    if missing:
        raise ImportError(
            "TensorBoard logs are written by tf.summary, on any Keras backend: they need the tensorflow and "
            f"tensorboard packages (pip install tensorflow-cpu tensorboard); missing: {', '.join(missing)}."
        )


def image_writer(log_dir):
    """A function `write(name, pixels, step)` adding uint8 `pixels` (H, W, 3) to `log_dir` as an
    image summary; a clear ImportError without TensorFlow or TensorBoard."""
    require_tensorboard()
    import tensorflow as tf

    writer = tf.summary.create_file_writer(log_dir)

    def write(name, pixels, step):
        with writer.as_default():
            tf.summary.image(name, pixels[None], step=step)
        writer.flush()

    return write
