namespace FaceClustering.Core.Export;

/// <summary>How the results' folders are named.</summary>
public enum ResultsLayout
{
    /// <summary>After the person: their name made safe and their ID ("Alice (3)"), or person-ID; unassigned faces in unknown/.</summary>
    People,

    /// <summary>As the original script: label0, label1, ..., noise in label-1.</summary>
    Original,
}
