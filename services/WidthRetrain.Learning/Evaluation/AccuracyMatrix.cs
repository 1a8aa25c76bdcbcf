using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WidthRetrain.Learning.Evaluation;

/// <summary>
/// Immutable T x T matrix of test accuracies for continual learning:
/// <c>this[k, j]</c> is the accuracy on task <c>j</c> after training through task <c>k</c>
/// (both 0-based; the papers' a[k][j] uses 1-based indices).
/// Serialises with System.Text.Json as <c>{"rows": [[...], ...]}</c>.
/// </summary>
[JsonConverter(typeof(AccuracyMatrixJsonConverter))]
public sealed class AccuracyMatrix
{
    // Private copy so that callers cannot mutate the matrix after validation.
    private readonly double[][] _rows;

    /// <summary>
    /// Creates the matrix from its rows (row k = accuracies on every task after training through task k).
    /// The input is copied.
    /// </summary>
    /// <param name="rows">T rows of T accuracies each, every value finite and in [0, 1].</param>
    /// <exception cref="ArgumentNullException"><paramref name="rows"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// No rows, a null or non-square row, or a value that is not finite or lies outside [0, 1];
    /// the message names the offending row/column.
    /// </exception>
    public AccuracyMatrix(double[][] rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Length == 0)
        {
            throw new ArgumentException(
                "An accuracy matrix needs at least 1 task (rows was empty).", nameof(rows));
        }

        int t = rows.Length;
        var copy = new double[t][];
        for (int k = 0; k < t; k++)
        {
            double[]? row = rows[k];
            if (row is null)
            {
                throw new ArgumentException($"Row {k} is null; expected {t} values.", nameof(rows));
            }

            if (row.Length != t)
            {
                throw new ArgumentException(
                    $"Row {k} has {row.Length} values but the matrix must be square ({t} x {t}): " +
                    $"one row and one column per task.",
                    nameof(rows));
            }

            for (int j = 0; j < t; j++)
            {
                double v = row[j];
                if (!double.IsFinite(v) || v < 0.0 || v > 1.0)
                {
                    throw new ArgumentException(
                        $"Value at row {k}, column {j} is {v.ToString(CultureInfo.InvariantCulture)}; " +
                        "accuracies must be finite and in the range [0, 1].",
                        nameof(rows));
                }
            }

            copy[k] = (double[])row.Clone();
        }

        _rows = copy;
    }

    /// <summary>Number of tasks T (the matrix is T x T).</summary>
    public int TaskCount => _rows.Length;

    /// <summary>Accuracy on task <paramref name="onTask"/> after training through task <paramref name="afterTask"/> (0-based).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside 0..T-1.</exception>
    public double this[int afterTask, int onTask]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(afterTask);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(afterTask, TaskCount);
            ArgumentOutOfRangeException.ThrowIfNegative(onTask);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(onTask, TaskCount);
            return _rows[afterTask][onTask];
        }
    }

    /// <summary>Accuracies on every task after training through task <paramref name="afterTask"/> (read-only view).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="afterTask"/> is outside 0..T-1.</exception>
    public IReadOnlyList<double> Row(int afterTask)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterTask);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(afterTask, TaskCount);
        return Array.AsReadOnly(_rows[afterTask]);
    }

    /// <summary>A deep copy of the rows; changing it does not affect this matrix.</summary>
    public double[][] ToArray()
    {
        var copy = new double[_rows.Length][];
        for (int k = 0; k < _rows.Length; k++)
        {
            copy[k] = (double[])_rows[k].Clone();
        }

        return copy;
    }
}

/// <summary>
/// Reads and writes <see cref="AccuracyMatrix"/> as <c>{"rows": [[...], ...]}</c>.
/// A converter (rather than a public mutable property) keeps the matrix immutable
/// and routes deserialised data through the same validation as the constructor.
/// </summary>
public sealed class AccuracyMatrixJsonConverter : JsonConverter<AccuracyMatrix>
{
    private const string RowsName = "rows";

    /// <inheritdoc />
    public override AccuracyMatrix Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("Expected a JSON object with a \"rows\" property for AccuracyMatrix.");
        }

        double[][]? rows = null;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                if (rows is null)
                {
                    throw new JsonException("AccuracyMatrix JSON is missing the \"rows\" property.");
                }

                try
                {
                    return new AccuracyMatrix(rows);
                }
                catch (ArgumentException ex)
                {
                    // Surface bad data as a JSON error, keeping the precise message.
                    throw new JsonException($"Invalid AccuracyMatrix: {ex.Message}", ex);
                }
            }

            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                throw new JsonException("Unexpected token in AccuracyMatrix JSON.");
            }

            bool isRows = string.Equals(reader.GetString(), RowsName, StringComparison.OrdinalIgnoreCase);
            reader.Read();
            if (isRows)
            {
                rows = JsonSerializer.Deserialize<double[][]>(ref reader, options);
            }
            else
            {
                reader.Skip();
            }
        }

        throw new JsonException("Unexpected end of JSON while reading AccuracyMatrix.");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, AccuracyMatrix value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WritePropertyName(RowsName);
        writer.WriteStartArray();
        for (int k = 0; k < value.TaskCount; k++)
        {
            writer.WriteStartArray();
            foreach (double v in value.Row(k))
            {
                writer.WriteNumberValue(v);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
