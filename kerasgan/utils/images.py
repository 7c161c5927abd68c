"""PNG pictures of samples: image grids and 2-D scatter plots (model cards, training progress)."""

import numpy as np


def save_image_grid(images, path, columns=8):
    """Tile images in [-1, 1] of shape (N, H, W, C) into a PNG, `columns` per row."""
    from PIL import Image

    images = np.asarray(images, "float32")
    if images.ndim != 4 or images.shape[-1] not in (1, 3):
        raise ValueError(f"save_image_grid expects images (N, H, W, 1 or 3); received shape {images.shape}.")
    n, h, w, c = images.shape
    rows = -(-n // columns)
    grid = np.full((rows * h, columns * w, c), -1.0, "float32")
    for i, img in enumerate(images):
        r, col = divmod(i, columns)
        grid[r * h : (r + 1) * h, col * w : (col + 1) * w] = img
    pixels = np.clip((grid + 1.0) * 127.5, 0, 255).astype("uint8")
    Image.fromarray(pixels[..., 0] if c == 1 else pixels).save(path)


def save_scatter(points, path, centers=None, extent=None, size=512):
    """Draw 2-D points (black) and mixture centres (red rings) into a square PNG."""
    from PIL import Image
    from PIL import ImageDraw

    points = np.asarray(points, "float64")
    if points.ndim != 2 or points.shape[1] != 2:
        raise ValueError(f"save_scatter expects points of shape (N, 2); received {points.shape}.")
    if extent is None:
        ref = np.asarray(centers) if centers is not None else points
        extent = float(np.abs(ref).max()) * 1.25 + 1e-6
    image = Image.new("RGB", (size, size), "white")
    draw = ImageDraw.Draw(image)

    def pixel(p):
        return ((p[0] + extent) / (2 * extent) * (size - 1), (extent - p[1]) / (2 * extent) * (size - 1))

    for p in points[np.all(np.isfinite(points), axis=1)]:
        x, y = pixel(p)
        draw.rectangle((x - 1, y - 1, x + 1, y + 1), fill="black")
    if centers is not None:
        for c in np.asarray(centers):
            x, y = pixel(c)
            draw.ellipse((x - 6, y - 6, x + 6, y + 6), outline="red")
    image.save(path)
