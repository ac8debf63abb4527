using FaceClustering.Core.Embedding;
using FaceClustering.Core.Landmarks;

namespace FaceClustering.Tests.Embedding;

/// <summary>The five alignment points: dlib's order from 68 landmarks, both templates in the face frame, and a vector form for fitting.</summary>
public class AlignmentTemplateTests
{
    [Fact]
    public void The_five_points_are_the_eye_corners_and_the_nose_bottom_and_mirror_onto_each_other()
    {
        Assert.Equal([45, 42, 36, 39, 33], AlignmentTemplate.LandmarkIndices);
        var mirror = FaceLandmarks.MirrorPermutation;
        Assert.Equal((36, 39, 45, 42, 33), (mirror[45], mirror[42], mirror[36], mirror[39], mirror[33]));
        foreach (var template in new[] { AlignmentTemplate.Dlib, AlignmentTemplate.Calibrated })
        {
            Assert.Equal(5, template.Points.Length);
            Assert.All(template.Points, p => Assert.True(p.X is > 0 and < 1 && p.Y is > 0 and < 1, $"{p} outside the face frame"));
            // The eyes above the nose, the first eye's corners right of the second's.
            Assert.True(template.Points[0].X > template.Points[2].X && template.Points[4].Y > template.Points[0].Y);
        }
    }

    [Fact]
    public void The_vector_form_round_trips()
    {
        var vector = AlignmentTemplate.Calibrated.ToVector();
        Assert.Equal(10, vector.Length);
        Assert.Equal(AlignmentTemplate.Calibrated.Points, AlignmentTemplate.FromVector(vector).Points);
        Assert.Equal((0.8595674595992, 0.2134981538014), (AlignmentTemplate.Dlib.ToVector()[0], AlignmentTemplate.Dlib.ToVector()[1]));
    }
}
