// The face engine (detector, landmarks, 128-d descriptor) is not built yet: it is the engine issue.
// Until then encode says so plainly instead of writing anything.
Console.Error.WriteLine("encode: not available yet: the face engine (detection, landmarks, embeddings) is still being built; see README.md");
return 2;
