namespace FaceClustering.Testing.Calibration;

/// <summary>The Nelder-Mead simplex method (standard coefficients), for small derivative-free fits.</summary>
public static class NelderMead
{
    public static double[] Minimize(Func<double[], double> f, double[] start, double step, int iterations)
    {
        var n = start.Length;
        var points = new double[n + 1][];
        var values = new double[n + 1];
        points[0] = (double[])start.Clone();
        for (var i = 0; i < n; i++)
        {
            points[i + 1] = (double[])start.Clone();
            points[i + 1][i] += step;
        }
        for (var i = 0; i <= n; i++) values[i] = f(points[i]);

        for (var iteration = 0; iteration < iterations; iteration++)
        {
            var order = Enumerable.Range(0, n + 1).OrderBy(i => values[i]).ToArray();
            points = order.Select(i => points[i]).ToArray();
            values = order.Select(i => values[i]).ToArray();

            var centroid = new double[n];
            for (var i = 0; i < n; i++)
            for (var k = 0; k < n; k++) centroid[k] += points[i][k] / n;

            double[] Along(double t) => centroid.Select((c, k) => c + t * (points[n][k] - c)).ToArray();
            var reflected = Along(-1);
            var fr = f(reflected);
            if (fr < values[0])
            {
                var expanded = Along(-2);
                var fe = f(expanded);
                (points[n], values[n]) = fe < fr ? (expanded, fe) : (reflected, fr);
            }
            else if (fr < values[n - 1])
            {
                (points[n], values[n]) = (reflected, fr);
            }
            else
            {
                var contracted = fr < values[n] ? Along(-0.5) : Along(0.5);
                var fc = f(contracted);
                if (fc < Math.Min(fr, values[n]))
                {
                    (points[n], values[n]) = (contracted, fc);
                }
                else
                {
                    for (var i = 1; i <= n; i++)
                    {
                        points[i] = points[i].Select((x, k) => points[0][k] + 0.5 * (x - points[0][k])).ToArray();
                        values[i] = f(points[i]);
                    }
                }
            }
        }
        var best = Enumerable.Range(0, n + 1).MinBy(i => values[i]);
        return points[best];
    }
}
