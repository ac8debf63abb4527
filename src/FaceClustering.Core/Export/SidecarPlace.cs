namespace FaceClustering.Core.Export;

/// <summary>Where XMP sidecars with the face regions of each photo are written, if anywhere.</summary>
public enum SidecarPlace
{
    None,

    /// <summary>Under the results' xmp/ folder.</summary>
    Results,

    /// <summary>Beside each photo (never over a sidecar already there).</summary>
    BesidePhotos,
}
