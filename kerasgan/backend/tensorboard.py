"""TensorBoard event files, written with tf.summary on any Keras backend (TensorBoard's format
has no other writer); imported only when asked for."""


def image_writer(log_dir):
    """A function `write(name, pixels, step)` adding uint8 `pixels` (H, W, 3) to `log_dir` as an
    image summary; a clear ImportError without TensorFlow or TensorBoard."""
    try:
        import tensorboard  # noqa: F401
        import tensorflow as tf
    except ImportError:
        raise ImportError(
            "TensorBoard logs are written by tf.summary, on any Keras backend: they need the tensorflow and "
            "tensorboard packages (pip install tensorflow-cpu tensorboard)."
        ) from None
    writer = tf.summary.create_file_writer(log_dir)

    def write(name, pixels, step):
        with writer.as_default():
            tf.summary.image(name, pixels[None], step=step)
        writer.flush()

    return write
