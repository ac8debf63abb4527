namespace FaceClustering.Core;

/// <summary>A problem with what the user asked for (a path, a folder, an option) that they must fix.</summary>
public sealed class InputException(string message) : Exception(message);
