namespace FaceClustering.Core.Encodings;

/// <summary>One detected face: the photo it came from, its box and its 128-d embedding.</summary>
public sealed record FaceRecord(string ImagePath, FaceBox Box, float[] Encoding)
{
    /// <summary>Length of every embedding in the file format (dlib's face descriptor).</summary>
    public const int EncodingLength = 128;
}
