namespace FaceClustering.Core.Encodings;

/// <summary>One detected face: the photo it came from, its box, its 128-d embedding and, from format version 2, its quality.</summary>
public sealed record FaceRecord(string ImagePath, FaceBox Box, float[] Encoding, FaceQuality? Quality = null)
{
    /// <summary>Length of every embedding in the file format (dlib's face descriptor).</summary>
    public const int EncodingLength = 128;
}
