using FaceClustering.CommandLine;

namespace FaceClustering.Tests.Encodings;

/// <summary>An unusable encodings file in one line: the file, the place in it and the problem, numbers written the same everywhere.</summary>
public class EncodingsFileExceptionTests
{
    [Fact]
    public void The_line_names_file_place_and_problem()
    {
        var error = new EncodingsFileException("e.msgpack", "record 12", $"{Setting.Encodings} holds {1234.5} values");
        Assert.Equal("encodings file 'e.msgpack': record 12: the encodings setting holds 1234.5 values", error.Message);
        Assert.Equal("encodings file 'e.msgpack': record 12: -e holds 1234.5 values", error.Render(OptionNames.Flag));
        Assert.Equal(("e.msgpack", "record 12"), (error.FilePath, error.Where));
        Assert.IsAssignableFrom<InputException>(error); // a problem with the input: exit code 2
    }
}
