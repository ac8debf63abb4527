namespace FaceClustering.Core;

/// <summary>
/// The settings of the encode and cluster runs, as Core's messages name them. Core never writes a command-line
/// flag: a message holds a setting as a placeholder (<see cref="InputException"/>), and each front end words it
/// its own way (the command lines as their flags, in src/Shared).
/// </summary>
public enum Setting
{
    Dataset,
    Encodings,
    Update,
    Shard,
    DetectionMethod,
    Upsample,
    Precision,
    Jobs,
    Models,
    Device,
    Jitters,
    Output,
    Overwrite,
    Threshold,
    MinSamples,
    MinFaceSize,
    Truth,
    People,
    NoPeople,
    Curation,
    Xmp,
    XmpBesidePhotos,
    AllowOutsideDataset,
    Wait,
}
