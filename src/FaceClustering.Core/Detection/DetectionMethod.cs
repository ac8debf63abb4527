namespace FaceClustering.Core.Detection;

/// <summary>The face detectors: SSD MobileNet v1 (face-api's, "cnn") and dlib's HOG detector ("hog").</summary>
public enum DetectionMethod
{
    Cnn,
    Hog,
}

/// <summary>The names the encodings file's header records (and the command line accepts).</summary>
public static class DetectionMethodNames
{
    public static string Name(this DetectionMethod method) => method == DetectionMethod.Hog ? "hog" : "cnn";

    public static DetectionMethod Parse(string name) => name switch
    {
        "cnn" => DetectionMethod.Cnn,
        "hog" => DetectionMethod.Hog,
        _ => throw new OptionException(Setting.DetectionMethod, name, $"is not a detection method; use cnn or hog"),
    };

    public static IReadOnlyList<string> All { get; } = ["cnn", "hog"];
}
