using FaceClustering.Core.Detection;
using FaceClustering.Core.Encode;
using FaceClustering.Core.Inference;

namespace FaceClustering.Tests.Encode;

/// <summary>How the engine runs: face_recognition's defaults, upsampling and jitters refused with a hint where no run could use them, float on CUDA.</summary>
public class FaceEngineOptionsTests
{
    [Fact]
    public void The_defaults_are_face_recognitions_with_the_8_bit_detector_on_the_cpu()
    {
        var options = new FaceEngineOptions();
        Assert.Equal((DetectionMethod.Cnn, 1, 1), (options.DetectionMethod, options.Upsample, options.Jitters));
        Assert.Equal((InferenceDevice.Cpu, SsdPrecision.Int8, SsdPrecision.Int8), (options.Device, options.Precision, options.EffectivePrecision));
        Assert.Equal(SsdPrecision.Float, (options with { Device = InferenceDevice.Cuda }).EffectivePrecision);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(4)]
    public void Upsampling_outside_0_to_3_is_refused_with_what_each_step_finds(int upsample)
    {
        var error = Assert.Throws<OptionException>(() => new FaceEngineOptions { Upsample = upsample });
        Assert.Equal($"the upsample setting must be between 0 and 3 (got {upsample}); 1 finds faces down to about 40 px, 2 about 20 px", error.Message);
        Assert.Equal(3, new FaceEngineOptions { Upsample = 3 }.Upsample);
    }

    [Fact]
    public void Jitters_and_threads_must_be_at_least_one()
    {
        Assert.Equal(Setting.Jitters, Assert.Throws<OptionException>(() => new FaceEngineOptions { Jitters = 0 }).Setting);
        Assert.Throws<ArgumentOutOfRangeException>(() => new FaceEngineOptions { ThreadsPerSession = 0 });
        Assert.Equal(100, new FaceEngineOptions { Jitters = 100 }.Jitters);
    }
}
