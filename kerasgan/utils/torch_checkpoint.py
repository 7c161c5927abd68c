"""Read PyTorch checkpoints (`torch.save` of state dicts and plain containers) with NumPy only: no torch needed, and no
code from the file is run (a restricted unpickler accepts tensors and plain containers only)."""

import builtins
import collections
import os
import pickle
import zipfile

import numpy as np

# A .pth holds a pickle of the tensors' layout plus raw storage bytes, in one of two formats:
# torch >= 1.6 writes a zip (data.pkl + data/<key>), older torch a "legacy" stream (magic number,
# protocol, sys info, the pickle, the storage keys, then each storage as int64 count + bytes).
# We unpickle only an allow-list (OrderedDict, tensor rebuild functions, storage types), so reading
# runs no code from the file, and need no torch.

_LEGACY_MAGIC = 0x1950A86A20F9469CFC6C
_LEGACY_PROTOCOL = 1001
_STORAGE_DTYPES = {
    "FloatStorage": "f4", "DoubleStorage": "f8", "HalfStorage": "f2", "LongStorage": "i8",
    "IntStorage": "i4", "ShortStorage": "i2", "CharStorage": "i1", "ByteStorage": "u1",
    "BoolStorage": "?",
}


class _StorageType:
    def __init__(self, name):
        self.dtype = np.dtype(_STORAGE_DTYPES[name])


class _Storage:
    def __init__(self, dtype, numel, root=None, offset=0):
        self.dtype, self.numel, self.root, self.offset, self.data = dtype, numel, root, offset, None

    def array(self):
        if self.root is not None:
            return self.root.array()[self.offset:self.offset + self.numel]
        return self.data


_TensorRef = collections.namedtuple("_TensorRef", ["storage", "offset", "size", "stride"])


def _rebuild_tensor(storage, storage_offset, size, stride, *unused):
    return _TensorRef(storage, int(storage_offset), tuple(size), tuple(stride))


def _rebuild_parameter(data, *unused):
    return data


class _StateDictUnpickler(pickle.Unpickler):
    def __init__(self, file, storages=None):
        super().__init__(file)
        self.storages = storages if storages is not None else {}

    def find_class(self, module, name):
        if (module, name) == ("collections", "OrderedDict"):
            return collections.OrderedDict
        if (module, name) == ("torch._utils", "_rebuild_tensor_v2"):
            return _rebuild_tensor
        if (module, name) == ("torch._utils", "_rebuild_parameter"):
            return _rebuild_parameter
        if module == "torch" and name in _STORAGE_DTYPES:
            return _StorageType(name)
        if (module, name) in (("builtins", "set"), ("builtins", "frozenset")):
            return getattr(builtins, name)
        raise pickle.UnpicklingError(
            f"Refusing to load {module}.{name} from a weights file: only tensors and plain containers "
            "(dict, list, tuple, set, str, numbers) are read, and no code from the file is run."
        )

    def persistent_load(self, pid):
        if not isinstance(pid, tuple) or len(pid) < 5 or pid[0] != "storage":
            raise pickle.UnpicklingError(f"Unsupported persistent id in a weights file: {pid!r}.")
        storage_type, key, numel = pid[1], str(pid[2]), int(pid[4])
        view = pid[5] if len(pid) > 5 else None
        if key not in self.storages:
            self.storages[key] = _Storage(storage_type.dtype, numel)
        if view is not None:
            view_key, offset, view_numel = view
            return _Storage(storage_type.dtype, int(view_numel), self.storages[key], int(offset))
        return self.storages[key]


def read_pytorch_state_dict(path):
    """Read a PyTorch state dict (`torch.save` of name -> tensor, either file format) as
    `{name: np.ndarray}`, with NumPy only. Only tensor state dicts are accepted."""
    result = _read(path, "state dict")
    if not isinstance(result, dict) or not all(isinstance(v, np.ndarray) for v in result.values()):
        found = type(result).__name__ if not isinstance(result, dict) else "a dict holding non-tensors"
        raise ValueError(
            f"Cannot read {os.fspath(path)} as a PyTorch state dict: expected name -> tensor, found {found}."
        )
    return result


def read_torch_checkpoint(path):
    """Read a PyTorch checkpoint (`torch.save` of tensors in plain containers: a state dict, or a
    dict such as `{"state_dict": ..., "meta": ...}`) with NumPy only: tensors become `np.ndarray`.
    Anything but tensors and plain containers is refused, so no code from the file is run.

    Example:

    ```python
    checkpoint = kerasgan.utils.read_torch_checkpoint("netG.pth")
    weights = checkpoint["model_state_dict"]
    ```
    """
    return _read(path, "checkpoint")


def _read(path, what):
    path = os.fspath(path)
    storages = {}
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as zf:
                pkl = [n for n in zf.namelist() if n.endswith("data.pkl")]
                if len(pkl) != 1:
                    raise ValueError("expected one data.pkl in the archive")
                prefix = pkl[0][: -len("data.pkl")]
                order = "<"
                if f"{prefix}byteorder" in zf.namelist():
                    order = ">" if zf.read(f"{prefix}byteorder").strip() == b"big" else "<"
                with zf.open(pkl[0]) as f:
                    result = _StateDictUnpickler(f, storages).load()
                for key, storage in storages.items():
                    dtype = storage.dtype.newbyteorder(order)
                    storage.data = np.frombuffer(zf.read(f"{prefix}data/{key}"), dtype)
        else:
            with open(path, "rb") as f:
                if _StateDictUnpickler(f).load() != _LEGACY_MAGIC:
                    raise ValueError("not a PyTorch file (wrong magic number)")
                if _StateDictUnpickler(f).load() != _LEGACY_PROTOCOL:
                    raise ValueError("unsupported legacy protocol version")
                sys_info = _StateDictUnpickler(f).load()
                order = "<" if sys_info.get("little_endian", True) else ">"
                result = _StateDictUnpickler(f, storages).load()
                for key in _StateDictUnpickler(f).load():
                    storage = storages[str(key)]
                    numel = int(np.frombuffer(f.read(8), order + "i8")[0])
                    dtype = storage.dtype.newbyteorder(order)
                    raw = f.read(numel * dtype.itemsize)
                    if len(raw) != numel * dtype.itemsize:
                        raise ValueError("truncated storage data")
                    storage.data = np.frombuffer(raw, dtype)
        return _materialize(result)
    except (pickle.UnpicklingError, ValueError, KeyError, EOFError, IndexError, TypeError,
            AttributeError, zipfile.BadZipFile, OSError) as e:
        raise ValueError(f"Cannot read {path} as a PyTorch {what}: {e}") from e


def _materialize(value):
    """Tensor references as arrays, containers rebuilt around them, anything else as is."""
    if isinstance(value, _TensorRef):
        return _tensor(value)
    if isinstance(value, dict):
        return type(value)((k, _materialize(v)) for k, v in value.items())
    if isinstance(value, (list, tuple, set, frozenset)):
        return type(value)(_materialize(v) for v in value)
    if isinstance(value, (_Storage, _StorageType)):
        raise ValueError("a bare storage outside a tensor")
    return value


def _tensor(ref):
    data = ref.storage.array()
    if data is None:
        raise ValueError("a tensor's storage is missing from the file")
    size, stride = ref.size, ref.stride
    if any(s == 0 for s in size):
        return np.zeros(size, data.dtype.newbyteorder("="))
    last = ref.offset + sum((n - 1) * s for n, s in zip(size, stride, strict=True))
    if ref.offset < 0 or min(stride, default=0) < 0 or last >= data.shape[0]:
        raise ValueError("a tensor lies outside its storage (truncated or corrupted file)")
    view = np.lib.stride_tricks.as_strided(
        data[ref.offset:], shape=size, strides=[s * data.itemsize for s in stride], writeable=False
    )
    return np.array(view, dtype=data.dtype.newbyteorder("="))
