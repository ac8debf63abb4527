namespace FaceClustering.Core.Models;

/// <summary>The models could not be made available; the message says what to do.</summary>
public sealed class ModelRestoreException(params FormattableString[] message) : InputException(message);
