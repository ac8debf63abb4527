namespace FaceClustering.Core.Imaging;

/// <summary>A point in image coordinates (pixels, x to the right, y down).</summary>
public readonly record struct Point2d(double X, double Y);
