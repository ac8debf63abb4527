using FaceClustering.Core.Encodings;

namespace FaceClustering.Core.People;

/// <summary>A face as it is known from one run to the next: its photo (the path as the encodings file stores it) and its box.</summary>
public readonly record struct FaceKey(string Photo, int Top, int Right, int Bottom, int Left) : IComparable<FaceKey>
{
    public static FaceKey Of(FaceSet faces, int face)
    {
        var box = faces.Boxes[face];
        return new FaceKey(faces.ImagePaths[face], box.Top, box.Right, box.Bottom, box.Left);
    }

    /// <summary>By photo (ordinal), then left to right, then top to bottom: the order of the people file.</summary>
    public int CompareTo(FaceKey other)
    {
        var byPhoto = string.CompareOrdinal(Photo, other.Photo);
        if (byPhoto != 0) return byPhoto;
        return (Left, Top, Right, Bottom).CompareTo((other.Left, other.Top, other.Right, other.Bottom));
    }
}
