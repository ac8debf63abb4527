namespace FaceClustering.Core.Encodings;

/// <summary>A face box in original image pixels, in face_recognition's order (top, right, bottom, left).</summary>
public readonly record struct FaceBox(int Top, int Right, int Bottom, int Left)
{
    public int Width => Right - Left;
    public int Height => Bottom - Top;
}
