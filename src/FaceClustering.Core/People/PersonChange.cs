using System.Text.Json;
using System.Text.Json.Serialization;
using FaceClustering.Core.IO;

namespace FaceClustering.Core.People;

/// <summary>
/// One line of <c>changes.jsonl</c>: what happened to a person in this run. <see cref="Change"/> is one of new,
/// grew, shrank, merged, split, retired, renamed, moved; the other fields are there when they mean something.
/// </summary>
public sealed record PersonChange(
    [property: JsonPropertyName("change")] string Change,
    [property: JsonPropertyName("person")] int Person)
{
    [JsonPropertyName("name"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; init; }

    /// <summary>The person's faces after the run.</summary>
    [JsonPropertyName("faces"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Faces { get; init; }

    [JsonPropertyName("added"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Added { get; init; }

    [JsonPropertyName("removed"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Removed { get; init; }

    /// <summary>For merged: the person merged in; for split: the person split from.</summary>
    [JsonPropertyName("from"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? From { get; init; }

    [JsonPropertyName("was"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Was { get; init; }

    /// <summary>For moved: the face, as PHOTO:N.</summary>
    [JsonPropertyName("face"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Face { get; init; }

    /// <summary>Which curation line made the change, when one did.</summary>
    [JsonPropertyName("line"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Line { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, JsonText.Options);
}
