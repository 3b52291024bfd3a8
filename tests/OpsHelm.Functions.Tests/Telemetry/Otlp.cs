using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace OpsHelm.Functions.Tests.Telemetry;

/// <summary>
/// A minimal protobuf walk of OTLP export requests (opentelemetry-proto's trace.proto, metrics.proto, common.proto field
/// numbers): spans with ids, parent, attributes and status; metric points with attributes and their value (a sum's value,
/// a histogram's count); the resource's attributes. No generated code: the feed holds no protobuf package.
/// </summary>
internal static class Otlp
{
    public sealed record Span(string Name, string TraceId, string SpanId, string ParentSpanId, IReadOnlyDictionary<string, string> Attributes, int StatusCode);

    public sealed record Point(string Metric, IReadOnlyDictionary<string, string> Attributes, double Value);

    /// <summary>Every span in <paramref name="bodies"/> (ExportTraceServiceRequest).</summary>
    public static IReadOnlyList<Span> Spans(IEnumerable<byte[]> bodies) =>
        [.. from body in bodies
            from resourceSpans in Messages(body, 1)
            from scopeSpans in Messages(resourceSpans, 2)
            from span in Messages(scopeSpans, 2)
            select SpanOf(span)];

    /// <summary>Every metric point in <paramref name="bodies"/> (ExportMetricsServiceRequest), in the order exported.</summary>
    public static IReadOnlyList<Point> Points(IEnumerable<byte[]> bodies) =>
        [.. from body in bodies
            from resourceMetrics in Messages(body, 1)
            from scopeMetrics in Messages(resourceMetrics, 2)
            from metric in Messages(scopeMetrics, 2)
            from point in PointsOf(metric)
            select point];

    /// <summary>The resource attributes of every resource in <paramref name="bodies"/> (either request kind).</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Resources(IEnumerable<byte[]> bodies) =>
        [.. from body in bodies
            from resourceSignal in Messages(body, 1)
            from resource in Messages(resourceSignal, 1)
            select Attributes(resource, 1)];

    private static Span SpanOf(ReadOnlyMemory<byte> span)
    {
        var fields = Fields(span);
        var status = fields.Where(f => f.Number == 15).Select(f => Fields(f.Bytes).Where(s => s.Number == 3).Select(s => (int)s.Varint).FirstOrDefault()).FirstOrDefault();
        return new Span(Text(fields, 5), Hex(fields, 1), Hex(fields, 2), Hex(fields, 4), Attributes(span, 9), status);
    }

    private static IEnumerable<Point> PointsOf(ReadOnlyMemory<byte> metric)
    {
        var fields = Fields(metric);
        var name = Text(fields, 1);
        foreach (var data in fields.Where(f => f.Number is 5 or 7 or 9))
        {
            foreach (var point in Messages(data.Bytes, 1))
            {
                var pointFields = Fields(point);
                if (data.Number == 9)
                {
                    // HistogramDataPoint: attributes 9, count 4 (fixed64).
                    yield return new Point(name, Attributes(point, 9), pointFields.Where(f => f.Number == 4).Select(f => (double)f.Varint).FirstOrDefault());
                }
                else
                {
                    // NumberDataPoint: attributes 7, as_double 4 (double), as_int 6 (sfixed64).
                    var value = pointFields.Where(f => f.Number is 4 or 6)
                        .Select(f => f.Number == 4 ? BitConverter.Int64BitsToDouble((long)f.Varint) : (long)f.Varint).FirstOrDefault();
                    yield return new Point(name, Attributes(point, 7), value);
                }
            }
        }
    }

    private static Dictionary<string, string> Attributes(ReadOnlyMemory<byte> message, int field)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var keyValue in Messages(message, field))
        {
            var kv = Fields(keyValue);
            var value = kv.Where(f => f.Number == 2).Select(f => AnyValue(f.Bytes)).FirstOrDefault() ?? "";
            attributes[Text(kv, 1)] = value;
        }
        return attributes;
    }

    private static string AnyValue(ReadOnlyMemory<byte> value)
    {
        var field = Fields(value).FirstOrDefault();
        return field.Number switch
        {
            1 => Encoding.UTF8.GetString(field.Bytes.Span),
            2 => field.Varint != 0 ? "true" : "false",
            3 => ((long)field.Varint).ToString(CultureInfo.InvariantCulture),
            4 => BitConverter.Int64BitsToDouble((long)field.Varint).ToString(CultureInfo.InvariantCulture),
            _ => "",
        };
    }

    private static IEnumerable<ReadOnlyMemory<byte>> Messages(ReadOnlyMemory<byte> message, int field) =>
        Fields(message).Where(f => f.Number == field && f.Wire == 2).Select(f => f.Bytes);

    private static string Text(List<Field> fields, int number) =>
        fields.Where(f => f.Number == number && f.Wire == 2).Select(f => Encoding.UTF8.GetString(f.Bytes.Span)).FirstOrDefault() ?? "";

    private static string Hex(List<Field> fields, int number) =>
        fields.Where(f => f.Number == number && f.Wire == 2).Select(f => Convert.ToHexStringLower(f.Bytes.Span)).FirstOrDefault() ?? "";

    private readonly record struct Field(int Number, int Wire, ulong Varint, ReadOnlyMemory<byte> Bytes);

    /// <summary>The fields of one message; fixed64 values are returned in <see cref="Field.Varint"/> as their raw bits.</summary>
    private static List<Field> Fields(ReadOnlyMemory<byte> message)
    {
        var fields = new List<Field>();
        var span = message.Span;
        var at = 0;
        while (at < span.Length)
        {
            var key = ReadVarint(span, ref at);
            var number = (int)(key >> 3);
            var wire = (int)(key & 7);
            switch (wire)
            {
                case 0:
                    fields.Add(new Field(number, wire, ReadVarint(span, ref at), default));
                    break;
                case 1:
                    fields.Add(new Field(number, wire, BinaryPrimitives.ReadUInt64LittleEndian(span.Slice(at, 8)), default));
                    at += 8;
                    break;
                case 2:
                    var length = checked((int)ReadVarint(span, ref at));
                    fields.Add(new Field(number, wire, 0, message.Slice(at, length)));
                    at += length;
                    break;
                case 5:
                    fields.Add(new Field(number, wire, BinaryPrimitives.ReadUInt32LittleEndian(span.Slice(at, 4)), default));
                    at += 4;
                    break;
                default:
                    throw new InvalidDataException($"wire type {wire} at byte {at} is not protobuf this walk knows");
            }
        }
        return fields;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> span, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = span[at++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
        throw new InvalidDataException("a varint longer than 10 bytes");
    }
}
