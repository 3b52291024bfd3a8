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
    public void Deeply_nested_markup_is_read_without_the_tree_builder()
    {
        var html = string.Concat(Enumerable.Repeat("<div>", 80_000)) + "deep <script>alert(1)</script>" + string.Concat(Enumerable.Repeat("</div>", 80_000));
        HtmlTagStripper.NestingDepth(html).ShouldBeGreaterThan(HtmlText.MaxParsedDepth);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var text = HtmlText.ToText(html);
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(2));
        text.ShouldContain("deep");
        text.ShouldNotContain("alert");
    }

    [Fact]
    public void Ordinary_mail_markup_is_shallow_enough_for_the_tree_builder()
    {
        HtmlTagStripper.NestingDepth("<html><body><div><p>Hi<br>there</p><table><tr><td>a</td></tr></table></div></body></html>").ShouldBeLessThan(10);
    }

    [Fact]
    public void Event_handler_attributes_never_reach_the_text()
    {
        HtmlText.ToText("<img src=x onerror=\"alert(1)\"><b>ok</b>").ShouldBe("ok");
    }
}
