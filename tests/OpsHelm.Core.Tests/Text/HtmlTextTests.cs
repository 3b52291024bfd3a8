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
    public void A_two_cell_table_row_reads_as_a_field_line()
    {
        var text = HtmlText.ToText("<table><tr><td>Company:</td><td>Quarry Lane</td></tr><tr><td>Priority</td><td>1 - Critical</td></tr></table>");
        text.ShouldBe("Company: Quarry Lane\nPriority: 1 - Critical");
    }

    [Fact]
    public void A_header_cell_beside_its_value_reads_as_a_field_line()
    {
        HtmlText.ToText("<p>Updated.</p><table><tr><th>State</th><td><span>Work in Progress</span></td></tr></table><p>Thanks</p>")
            .ShouldBe("Updated.\nState: Work in Progress\nThanks");
    }

    [Fact]
    public void Rows_under_a_header_row_read_as_one_field_line_per_cell()
    {
        var html = "<table><tr><th>Number</th><th>Company</th><th>State</th></tr><tr><td>INC0010001</td><td>Quarry Lane</td><td>On Hold</td></tr></table>";
        HtmlText.ToText(html).ShouldBe("Number\tCompany\tState\nNumber: INC0010001\nCompany: Quarry Lane\nState: On Hold");
    }

    [Fact]
    public void A_definition_list_reads_as_field_lines()
    {
        HtmlText.ToText("<dl><dt>Company</dt><dd>Quarry Lane</dd><dt>Priority:</dt><dd>2 - High</dd></dl>")
            .ShouldBe("Company: Quarry Lane\nPriority: 2 - High");
    }

    [Fact]
    public void A_bold_label_keeps_its_value_on_its_line()
    {
        HtmlText.ToText("<p><b>Status:</b> Waiting Customer<br><b>Company:</b> Quarry Lane</p>")
            .ShouldBe("Status: Waiting Customer\nCompany: Quarry Lane");
    }

    [Fact]
    public void A_field_table_inside_layout_tables_still_reads_as_field_lines()
    {
        var html = "<table><tr><td><table><tr><td>Logo</td></tr><tr><td><table><tr><td>Company</td><td>Quarry Lane</td></tr></table></td></tr></table></td></tr></table>";
        HtmlText.ToText(html).ShouldBe("Logo\nCompany: Quarry Lane");
    }

    [Fact]
    public void A_long_first_cell_is_content_not_a_field_name()
    {
        var html = "<table><tr><td>This paragraph is far too long to be the name of any field in a form</td><td>x</td></tr></table>";
        HtmlText.ToText(html).ShouldBe("This paragraph is far too long to be the name of any field in a form\nx");
    }

    [Fact]
    public void Deeply_nested_tables_are_read_in_linear_time()
    {
        var html = string.Concat(Enumerable.Repeat("<table><tr><td>a</td><td>", 10_000)) + "deep" + string.Concat(Enumerable.Repeat("</td></tr></table>", 10_000));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var text = HtmlText.ToText(html);
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(2));
        text.ShouldContain("deep");
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
    public void Markup_inside_attribute_values_and_comments_is_neither_text_nor_structure()
    {
        HtmlText.ToText("<p title=\"a > b\" data-row='<tr><td>State</td><td>New</td></tr>'>Body<!-- <td>hidden</td> --> text</p><TABLE><TR><TD>State</TD><TD>Closed</TD></TR></TABLE>")
            .ShouldBe("Body text\nState: Closed");
    }

    [Fact]
    public void Event_handler_attributes_never_reach_the_text()
    {
        HtmlText.ToText("<img src=x onerror=\"alert(1)\"><b>ok</b>").ShouldBe("ok");
    }
}
