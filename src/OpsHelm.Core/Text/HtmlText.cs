using System.Text;
using AngleSharp.Html;
using AngleSharp.Html.Parser;
using AngleSharp.Html.Parser.Tokens;
using AngleSharp.Text;

namespace OpsHelm.Core.Text;

/// <summary>
/// Turns an HTML body into plain text with AngleSharp's HTML5 tokenizer: scripts, styles and head dropped, blocks on
/// lines, and fields kept in the shape plain-text notifications use: a two-cell table row becomes "header: value", a
/// row under a header row becomes one "header: value" line per cell, and a definition list "term: definition".
/// Tokens are read in one pass and no tree is built; nested tables past a small depth are read as plain cells, so each
/// character is copied a bounded number of times and the cost stays linear however deeply hostile markup nests.
/// </summary>
public static class HtmlText
{
    // Layout tables in mail nest a few deep; past this, inner tables are not given their own rows.
    private const int MaxTableDepth = 8;

    // A field name is short and on one line; anything longer is content, not a label.
    private const int MaxFieldNameLength = 48;

    // Only raw-text elements: the tokenizer guarantees where they end, so skipping them can never swallow the body.
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "title", "iframe", "textarea", "xmp", "noembed", "noframes",
    };

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
        "pre", "hr", "section", "article", "header", "footer", "dl", "dt", "dd", "form", "body", "caption",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> SkippedNames = Skipped.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> BlockNames = Blocks.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The text of <paramref name="html"/>; never executes anything.</summary>
    public static string ToText(string html)
    {
        // Struct tokens, attributes and comments dropped: a tag costs no token object and no attribute list.
        var tokenizer = new HtmlTokenizer(new TextSource(html), HtmlEntityProvider.Resolver)
        {
            ShouldEmitAttribute = static (ref _, _) => false,
            SkipComments = true,
            SkipProcessingInstructions = true,
        };
        // Markup is mostly tags: its text is a fraction of it.
        var reader = new Reader(Math.Min(html.Length / 4, 1 << 14));
        string? skipping = null;
        for (ref var token = ref tokenizer.GetStructToken(); token.Type != HtmlTokenType.EndOfFile; token = ref tokenizer.GetStructToken())
        {
            switch (token.Type)
            {
                case HtmlTokenType.StartTag:
                    ReadOnlySpan<char> name = token.Name;
                    if (skipping is null && SkippedNames.Contains(name) && !token.IsSelfClosing)
                    {
                        skipping = name.ToString();
                    }
                    // Raw-text elements must be tokenized as text, as a browser would, so "<" inside them opens nothing.
                    tokenizer.State = Is(name, "script") ? HtmlParseMode.Script
                        : Is(name, "style") || Is(name, "xmp") || Is(name, "iframe") || Is(name, "noembed") || Is(name, "noframes") ? HtmlParseMode.Rawtext
                        : Is(name, "title") || Is(name, "textarea") ? HtmlParseMode.RCData
                        : Is(name, "plaintext") ? HtmlParseMode.Plaintext
                        : HtmlParseMode.PCData;
                    if (skipping is null)
                    {
                        reader.Start(name);
                    }
                    break;
                case HtmlTokenType.EndTag:
                    if (skipping is not null)
                    {
                        if (Is(token.Name, skipping))
                        {
                            skipping = null;
                        }
                        break;
                    }
                    reader.End(token.Name);
                    break;
                case HtmlTokenType.Character when skipping is null:
                    reader.Characters(token.Data);
                    break;
            }
        }
        return reader.Finish();
    }

    private static bool Is(ReadOnlySpan<char> name, string tag) => name.Equals(tag, StringComparison.OrdinalIgnoreCase);

    /// <summary>The text written so far, with the open tables and their current row and cell.</summary>
    private sealed class Reader(int capacity)
    {
        private readonly StringBuilder _text = new(capacity);
        private readonly List<Table> _tables = [];
        private int _ignoredTables;
        private bool _afterTerm;

        public void Start(ReadOnlySpan<char> name)
        {
            if (Is(name, "table"))
            {
                Separate('\n');
                if (_tables.Count == MaxTableDepth)
                {
                    _ignoredTables++;
                }
                else
                {
                    _tables.Add(new Table(Target));
                }
                return;
            }
            var cell = Is(name, "td") || Is(name, "th");
            if ((cell || Is(name, "tr")) && _ignoredTables == 0 && _tables.Count > 0)
            {
                if (cell)
                {
                    _tables[^1].StartCell(Is(name, "th"));
                }
                else
                {
                    _tables[^1].EndRow();
                }
                return;
            }
            if (cell || Is(name, "tr"))
            {
                Separate(cell ? '\t' : '\n');
                return;
            }
            if (Is(name, "dd") && _afterTerm)
            {
                _afterTerm = false;
                return;
            }
            _afterTerm = false;
            if (BlockNames.Contains(name))
            {
                Separate('\n');
            }
        }

        public void End(ReadOnlySpan<char> name)
        {
            if (Is(name, "table"))
            {
                if (_ignoredTables > 0)
                {
                    _ignoredTables--;
                    Separate('\n');
                }
                else if (_tables.Count > 0)
                {
                    _tables[^1].Close();
                    _tables.RemoveAt(_tables.Count - 1);
                    Separate('\n');
                }
                return;
            }
            var inTable = _ignoredTables == 0 && _tables.Count > 0;
            if (inTable && Is(name, "tr"))
            {
                _tables[^1].EndRow();
                return;
            }
            if (inTable && (Is(name, "td") || Is(name, "th")))
            {
                _tables[^1].EndCell();
                return;
            }
            if (Is(name, "dt"))
            {
                // "<dt>State</dt><dd>New</dd>" reads as "State: New".
                var target = Target;
                TrimEnd(target);
                if (target.Length > 0 && target[^1] != ':')
                {
                    target.Append(':');
                }
                target.Append(' ');
                _afterTerm = true;
                return;
            }
            if (BlockNames.Contains(name) || Is(name, "tr"))
            {
                Separate('\n');
            }
        }

        public void Characters(ReadOnlySpan<char> value)
        {
            var target = Target;
            foreach (var c in value)
            {
                if (char.IsWhiteSpace(c))
                {
                    if (target.Length > 0 && !char.IsWhiteSpace(target[^1]))
                    {
                        target.Append(' ');
                    }
                }
                else
                {
                    target.Append(c);
                }
            }
        }

        public string Finish()
        {
            while (_tables.Count > 0)
            {
                _tables[^1].Close();
                _tables.RemoveAt(_tables.Count - 1);
            }
            return _text.ToString().Trim();
        }

        private StringBuilder Target => _tables.Count == 0 ? _text : _tables[^1].Target;

        private void Separate(char separator) => AppendSeparator(Target, separator);
    }

    /// <summary>One open table: its header row, the row being read and the cell being read.</summary>
    private sealed class Table(StringBuilder outer)
    {
        private readonly List<(string Text, bool Header)> _row = [];
        private List<string>? _headers;
        private StringBuilder? _cell;
        private bool _cellIsHeader;

        /// <summary>Where text goes: the open cell, or (stray text between cells) the text around the table.</summary>
        public StringBuilder Target => _cell ?? outer;

        public void StartCell(bool header)
        {
            EndCell();
            _cell = new StringBuilder();
            _cellIsHeader = header;
        }

        public void EndCell()
        {
            if (_cell is null)
            {
                return;
            }
            var text = _cell.ToString().Trim();
            _cell = null;
            if (text.Length > 0)
            {
                _row.Add((text, _cellIsHeader));
            }
        }

        public void EndRow()
        {
            EndCell();
            if (_row.Count == 0)
            {
                return;
            }
            if (_row.Count >= 2 && _row.TrueForAll(c => c.Header && IsFieldName(c.Text)))
            {
                _headers = _row.ConvertAll(c => FieldName(c.Text));
                WriteLine(string.Join('\t', _headers));
            }
            else if (_headers is { } headers && headers.Count == _row.Count && !_row.Exists(c => c.Header))
            {
                for (var i = 0; i < _row.Count; i++)
                {
                    WriteLine($"{headers[i]}: {_row[i].Text}");
                }
            }
            else if (_row.Count == 2 && IsFieldName(_row[0].Text))
            {
                WriteLine($"{FieldName(_row[0].Text)}: {_row[1].Text}");
            }
            else
            {
                foreach (var (text, _) in _row)
                {
                    WriteLine(text);
                }
            }
            _row.Clear();
        }

        public void Close() => EndRow();

        private void WriteLine(string line)
        {
            AppendSeparator(outer, '\n');
            outer.Append(line);
            outer.Append('\n');
        }

        private static bool IsFieldName(string text) =>
            text.Length <= MaxFieldNameLength && !text.Contains('\n', StringComparison.Ordinal) && text.TrimEnd(':').Length > 0;

        private static string FieldName(string text) => text.TrimEnd().TrimEnd(':').TrimEnd();
    }

    private static void AppendSeparator(StringBuilder text, char separator)
    {
        if (text.Length == 0)
        {
            return;
        }
        var last = text[^1];
        if (last == '\n' || last == separator)
        {
            return;
        }
        if (last == ' ' || last == '\t')
        {
            text.Length--;
            if (text.Length > 0 && text[^1] == '\n')
            {
                return;
            }
        }
        text.Append(separator);
    }

    private static void TrimEnd(StringBuilder text)
    {
        while (text.Length > 0 && char.IsWhiteSpace(text[^1]))
        {
            text.Length--;
        }
    }
}
