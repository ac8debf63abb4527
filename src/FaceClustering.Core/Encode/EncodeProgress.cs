namespace FaceClustering.Core.Encode;

/// <summary>Where an encode run stands: photos done of the photos to do, faces found, time spent.</summary>
public readonly record struct EncodeProgress(int Done, int Total, int Faces, TimeSpan Elapsed);
