using System.Text.Json;
using FaceClustering.Core.Clustering;

namespace FaceClustering.Tests.Clustering;

/// <summary>
/// DBSCAN against labels that scikit-learn itself produced (tools/make_dbscan_fixtures.py): the labels must be
/// equal, and since we number clusters as scikit-learn does, equal without renumbering.
/// </summary>
public class DbscanFixtureTests
{
    private static readonly string FixtureFolder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "dbscan");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(FixtureFolder, "*.json").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileNameWithoutExtension(file));
        return data;
    }

    [Fact]
    public void The_fixture_set_covers_the_required_cases()
    {
        var names = Cases().Select(row => row.Data).ToList();
        Assert.Contains("duplicates", names);
        Assert.Contains("all_noise", names);
        Assert.Contains("one_big_cluster", names);
        Assert.Contains("border_between_two", names);
        Assert.Contains("faces_128d", names);
        Assert.True(names.Count(n => n.StartsWith("grid_", StringComparison.Ordinal)) >= 20);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Labels_equal_scikit_learn(string name)
    {
        var fixture = Fixture.Load(name);
        foreach (var jobs in new[] { 1, 2, 4 })
        {
            var labels = Dbscan.Fit(fixture.Points, fixture.Dimension,
                new DbscanOptions { Eps = fixture.Eps, MinSamples = fixture.MinSamples, Jobs = jobs });
            Assert.Equal(fixture.Labels, labels);
        }
    }

    [Fact]
    public void Border_point_goes_to_the_cluster_that_reaches_it_first_in_index_order()
    {
        // The bridge point is a neighbour of both plus-shapes' centres; scikit-learn gives it to the cluster
        // seeded first, which is the other one when the order is reversed.
        foreach (var name in new[] { "border_between_two", "border_between_two_reversed" })
        {
            var fixture = Fixture.Load(name);
            var labels = Dbscan.Fit(fixture.Points, fixture.Dimension,
                new DbscanOptions { Eps = fixture.Eps, MinSamples = fixture.MinSamples, Jobs = 2 });
            Assert.Equal(2, labels.Max() + 1);
            Assert.Equal(fixture.Labels, labels);
        }
    }

    internal sealed record Fixture(string Name, double Eps, int MinSamples, int Dimension, float[] Points, int[] Labels)
    {
        public static Fixture Load(string name)
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(FixtureFolder, name + ".json")));
            var root = json.RootElement;
            var dimension = root.GetProperty("dimension").GetInt32();
            float[] points;
            if (root.TryGetProperty("pointsFile", out var file))
            {
                var bytes = File.ReadAllBytes(Path.Combine(FixtureFolder, file.GetString()!));
                points = new float[bytes.Length / 4];
                for (var i = 0; i < points.Length; i++)
                    points[i] = BitConverter.ToSingle(bytes, i * 4); // little-endian, as written
            }
            else
            {
                points = root.GetProperty("points").EnumerateArray()
                    .SelectMany(row => row.EnumerateArray().Select(v => (float)v.GetDouble())).ToArray();
            }
            var labels = root.GetProperty("labels").EnumerateArray().Select(v => v.GetInt32()).ToArray();
            Assert.Equal(labels.Length * dimension, points.Length);
            return new Fixture(name, root.GetProperty("eps").GetDouble(), root.GetProperty("min_samples").GetInt32(),
                dimension, points, labels);
        }
    }
}
