using OpsHelm.Core.Text;

namespace OpsHelm.Core.Tests.Text;

public class HtmlTextTests
{
    [Fact]
    public void Scripts_styles_and_head_are_dropped()
    {
        var text = HtmlText.ToText("<html><head><title>t</title><style>p{color:red}</style></head><body><script>alert(1)</script><p>Hello</p></body></html>");
        text.ShouldBe("Hello");
    }

    [Fact]
    public void Table_cells_share_a_line_and_rows_break_lines()
    {
        var text = HtmlText.ToText("<table><tr><td>Company:</td><td>Quarry Lane</td></tr><tr><td>Priority:</td><td>1 - Critical</td></tr></table>");
        text.ShouldBe("Company:\tQuarry Lane\nPriority:\t1 - Critical");
    }

    [Fact]
    public void Deeply_nested_markup_is_read_in_linear_time()
    {
        var html = string.Concat(Enumerable.Repeat("<div>", 80_000)) + "deep <script>alert(1)</script>" + string.Concat(Enumerable.Repeat("</div>", 80_000));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var text = HtmlText.ToText(html);
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(2));
        text.ShouldBe("deep");
    }

    [Fact]
    public void An_unclosed_head_does_not_hide_the_body()
    {
        HtmlText.ToText("<html><head><meta charset=utf-8><title>t</title><body><p>Hello</p>").ShouldBe("Hello");
    }

    [Fact]
    public void Markup_inside_a_script_opens_nothing()
    {
        HtmlText.ToText("<p>a</p><script>if (x<b) { document.write('<p>owned</p>') }</script><p>b</p>").ShouldBe("a\nb");
    }

    [Fact]
    public void Entities_are_decoded_and_whitespace_collapsed()
    {
        HtmlText.ToText("<p>Mercer &amp; Pike   LLP&nbsp;</p>").ShouldBe("Mercer & Pike LLP");
    }

    [Fact]
    public void Event_handler_attributes_never_reach_the_text()
    {
        HtmlText.ToText("<img src=x onerror=\"alert(1)\"><b>ok</b>").ShouldBe("ok");
    }
}
