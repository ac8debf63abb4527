using FaceClustering.Core;

namespace FaceClustering.CommandLine;

/// <summary>Each setting Core names in a message, as the command lines spell it (the same flag in both tools).</summary>
public static class OptionNames
{
    public static string Flag(Setting setting) => setting switch
    {
        Setting.Dataset => "-i",
        Setting.Encodings => "-e",
        Setting.Update => "--update",
        Setting.Shard => "--shard",
        Setting.DetectionMethod => "-d",
        Setting.Upsample => "--upsample",
        Setting.Precision => "--precision",
        Setting.Jobs => "--jobs",
        Setting.Models => "--models",
        Setting.Device => "--device",
        Setting.Jitters => "--jitters",
        Setting.Output => "-o",
        Setting.Overwrite => "--overwrite",
        Setting.Threshold => "--threshold",
        Setting.MinSamples => "--min-samples",
        Setting.MinFaceSize => "--min-face-size",
        Setting.Truth => "--truth",
        Setting.People => "--people",
        Setting.NoPeople => "--no-people",
        Setting.Curation => "--curation",
        Setting.Xmp => "--xmp",
        Setting.XmpBesidePhotos => "--xmp-beside-photos",
        Setting.AllowOutsideDataset => "--allow-outside-dataset",
        Setting.Wait => "--wait",
        _ => throw new ArgumentOutOfRangeException(nameof(setting), setting, "a setting without a flag"),
    };
}
