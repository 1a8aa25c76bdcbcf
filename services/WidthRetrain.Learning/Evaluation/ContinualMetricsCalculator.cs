using System.Globalization;

namespace WidthRetrain.Learning.Evaluation;

/// <summary>Computes <see cref="ContinualMetrics"/> from an accuracy matrix.</summary>
public static class ContinualMetricsCalculator
{
    /// <summary>
    /// Computes AA, LA, both forgetting variants (with per-task terms), BWT and, when
    /// <paramref name="randomInitAccuracy"/> is given, FWT. See <see cref="ContinualMetrics"/> for the formulas.
    /// </summary>
    /// <param name="a">Accuracy matrix, a[k, j] = accuracy on task j after training through task k (0-based).</param>
    /// <param name="randomInitAccuracy">
    /// Optional b[j] = accuracy on task j at random initialisation; length must equal T, values finite in [0, 1].
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="randomInitAccuracy"/> has the wrong length or an invalid value.</exception>
    public static ContinualMetrics Compute(AccuracyMatrix a, IReadOnlyList<double>? randomInitAccuracy = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        int t = a.TaskCount;
        int last = t - 1;

        if (randomInitAccuracy is not null)
        {
            ValidateRandomInit(randomInitAccuracy, t);
        }

        double sumFinal = 0, sumDiag = 0;
        for (int j = 0; j < t; j++)
        {
            sumFinal += a[last, j];
            sumDiag += a[j, j];
        }

        // Paper variant: max over rows j..T (inclusive of the final row), so terms are never negative.
        var perTaskPaper = new double[t];
        for (int j = 0; j < t; j++)
        {
            perTaskPaper[j] = MaxOverRows(a, j, j, last) - a[last, j];
        }

        // Chaudhry variant: max over rows j..T-1 (final row excluded), only for tasks before the last.
        var perTaskChaudhry = new double[Math.Max(t - 1, 0)];
        for (int j = 0; j < t - 1; j++)
        {
            perTaskChaudhry[j] = MaxOverRows(a, j, j, last - 1) - a[last, j];
        }

        double? forgettingChaudhry = null, bwt = null, fwt = null;
        if (t > 1)
        {
            forgettingChaudhry = perTaskChaudhry.Sum() / (t - 1);

            double sumBwt = 0;
            for (int i = 0; i < t - 1; i++)
            {
                sumBwt += a[last, i] - a[i, i];
            }

            bwt = sumBwt / (t - 1);

            if (randomInitAccuracy is not null)
            {
                double sumFwt = 0;
                for (int i = 1; i < t; i++)
                {
                    sumFwt += a[i - 1, i] - randomInitAccuracy[i];
                }

                fwt = sumFwt / (t - 1);
            }
        }

        return new ContinualMetrics
        {
            TaskCount = t,
            AverageAccuracy = sumFinal / t,
            LearningAccuracy = sumDiag / t,
            ForgettingChaudhry = forgettingChaudhry,
            ForgettingPaper = perTaskPaper.Sum() / t,
            BackwardTransfer = bwt,
            ForwardTransfer = fwt,
            PerTaskForgettingChaudhry = Array.AsReadOnly(perTaskChaudhry),
            PerTaskForgettingPaper = Array.AsReadOnly(perTaskPaper),
        };
    }

    private static double MaxOverRows(AccuracyMatrix a, int column, int fromRow, int toRowInclusive)
    {
        double max = double.NegativeInfinity;
        for (int l = fromRow; l <= toRowInclusive; l++)
        {
            max = Math.Max(max, a[l, column]);
        }

        return max;
    }

    private static void ValidateRandomInit(IReadOnlyList<double> randomInitAccuracy, int taskCount)
    {
        if (randomInitAccuracy.Count != taskCount)
        {
            throw new ArgumentException(
                $"randomInitAccuracy has {randomInitAccuracy.Count} values but the accuracy matrix has {taskCount} tasks; " +
                "one random-initialisation accuracy per task is required.",
                nameof(randomInitAccuracy));
        }

        for (int j = 0; j < randomInitAccuracy.Count; j++)
        {
            double v = randomInitAccuracy[j];
            if (!double.IsFinite(v) || v < 0.0 || v > 1.0)
            {
                throw new ArgumentException(
                    $"randomInitAccuracy[{j}] is {v.ToString(CultureInfo.InvariantCulture)}; " +
                    "accuracies must be finite and in the range [0, 1].",
                    nameof(randomInitAccuracy));
            }
        }
    }
}
