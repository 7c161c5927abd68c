from kerasgan.models.hgan.hgan import HGAN
from kerasgan.models.hgan.pixelcnn import PixelCNN
from kerasgan.models.hgan.teacher_sample_refresh import TeacherSampleRefresh

__all__ = ["HGAN", "PixelCNN", "TeacherSampleRefresh"]
