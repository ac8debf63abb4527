namespace FaceClustering.Core.Encodings;

/// <summary>
/// What the encoder saw of a face, to judge how far its descriptor can be trusted (format version 2; faces of
/// version-1 files have none: unknown quality).
/// </summary>
/// <param name="Score">The detector's score: cnn's confidence (0-1), hog's SVM score (0 at its threshold).</param>
/// <param name="Size">The face box's shorter side, in photo pixels.</param>
/// <param name="Sharpness">Variance of the Laplacian of the aligned 150x150 chip's grey levels (0-255) inside the
/// face: a blurred or upscaled face scores low, a sharp one high (tens to thousands).</param>
/// <param name="Yaw">How far the head is turned, in degrees (0 frontal, +-90 profile; positive: the face's left
/// cheek is towards the camera), from the nose tip's place between the two ends of the jaw line.</param>
/// <param name="PhotoWidth">The photo's width in pixels, after EXIF orientation.</param>
/// <param name="PhotoHeight">The photo's height in pixels, after EXIF orientation.</param>
public sealed record FaceQuality(float Score, int Size, float Sharpness, float Yaw, int PhotoWidth, int PhotoHeight);
