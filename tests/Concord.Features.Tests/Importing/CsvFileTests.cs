using Concord.Features.Accessions;
using Concord.Features.Assistance.Importing;
using Concord.Features.Importing;
using Concord.Features.Members;

namespace Concord.Features.Tests.Importing;

/// <summary>
/// The one CSV reader of every import: typed rows by header name, and nothing guessed. Each fault of the header is on
/// line 1, each fault of a row's shape on the line the row starts on.
/// </summary>
public sealed class CsvFileTests
{
    private const string AccessionHeader = "candidate,candidate_name,step,party,stage,date,date_qualifier,decision,summit,signatories,source,confidence,note";

    private static CsvTable<T> Read<T>(string text, CsvFormat<T> format) => CsvFile.Read(new StringReader(text), format);

    [Fact]
    public void a_misspelt_column_of_concords_own_format_is_refused_on_line_1_with_the_column_it_is_close_to()
    {
        var table = Read(AccessionHeader.Replace("date_qualifier", "date_qualifer", StringComparison.Ordinal) + "\nSRB,Serbia,application,,,2024-05-02,on,,,,S1,,\n",
            ImportAccession.Format);

        var error = Assert.Single(table.Errors);
        Assert.Equal((1, "date_qualifer"), (error.Line, error.Column));
        Assert.Equal("Unknown column 'date_qualifer'. Did you mean 'date_qualifier'?", error.Message);
        Assert.Single(table.Rows);
    }

    [Fact]
    public void an_unknown_column_far_from_every_known_one_is_refused_with_the_list_of_columns()
    {
        var table = Read("ally_iso3,stages,remarks\nUSA,upperHouse;deposit,x\n", Procedures.Format);

        Assert.Equal("Unknown column 'remarks'. The columns are ally_iso3, stages, note, source.", Assert.Single(table.Errors).Message);
    }

    [Fact]
    public void a_column_given_twice_is_refused_and_the_rows_are_not_read()
    {
        var table = Read("country,iso_alpha3,accession_date,Country\nBelgium,BEL,1949-08-24,Belgique\n", ImportMembers.Format);

        var error = Assert.Single(table.Errors);
        Assert.Equal((1, "Country"), (error.Line, error.Column));
        Assert.Equal("The column 'Country' is given twice (columns 1 and 4).", error.Message);
        Assert.Empty(table.Rows);
        Assert.Equal(1, table.Count);
    }

    [Fact]
    public void a_column_and_its_documented_other_name_together_are_one_column_given_twice()
    {
        var table = Read("country,iso_alpha3,code,accession_date\nBelgium,BEL,BEL,1949-08-24\n", ImportMembers.Format);

        Assert.Equal("'iso_alpha3' and 'code' are the same column (docs/data-formats.md); give it once.", Assert.Single(table.Errors).Message);
    }

    [Fact]
    public void a_documented_other_name_of_a_column_is_read_as_the_column()
    {
        var table = Read("name,code,since\nBelgium,BEL,1949-08-24\n", ImportMembers.Format);

        Assert.Empty(table.Errors);
        Assert.Equal(new ImportMembers.Row("BEL", "Belgium", "1949-08-24", null, null, null, null), Assert.Single(table.Rows).Value);
    }

    [Fact]
    public void a_required_column_missing_is_one_error_on_line_1_not_one_per_row()
    {
        var table = Read("country,iso_alpha3\nBelgium,BEL\nFrance,FRA\nItaly,ITA\n", ImportMembers.Format);

        var error = Assert.Single(table.Errors);
        Assert.Equal((1, "accession_date"), (error.Line, error.Column));
        Assert.Equal("The header lacks the column 'accession_date' (or 'since').", error.Message);
    }

    [Fact]
    public void a_row_with_fewer_values_than_the_header_has_columns_is_refused_on_its_line()
    {
        var table = Read("country,iso_alpha3,accession_date\nBelgium,BEL,1949-08-24\nFrance,FRA\n", ImportMembers.Format);

        var error = Assert.Single(table.Errors);
        Assert.Equal((3, "The row has 2 values; the header has 3 columns."), (error.Line, error.Message));
        Assert.Single(table.Rows);
    }

    [Fact]
    public void a_quote_never_closed_is_refused_on_the_line_where_its_row_starts()
    {
        var table = Read("country,iso_alpha3,accession_date\nBelgium,BEL,1949-08-24\n\"France,FRA,1949-08-24\nItaly,ITA,1949-08-24\n", ImportMembers.Format);

        Assert.Equal(3, Assert.Single(table.Errors).Line);
    }

    [Fact]
    public void blank_rows_are_skipped_and_a_row_is_named_by_the_line_it_starts_on()
    {
        var table = Read("country,iso_alpha3,accession_date,notes\n\nBelgium,BEL,1949-08-24,\"two\nlines\"\nFrance,FRA,1949-08-24,\n", ImportMembers.Format);

        Assert.Empty(table.Errors);
        Assert.Equal([3, 5], table.Rows.Select(r => r.Line));
        Assert.Equal("two\nlines", table.Rows[0].Value.Notes);
    }

    [Fact]
    public void a_column_a_shipped_file_carries_for_people_is_neither_read_nor_an_error()
    {
        var table = Read("country,iso_alpha2,iso_alpha3,accession_date,date_basis\nBelgium,BE,BEL,1949-08-24,treaty\n", ImportMembers.Format);

        Assert.Empty(table.Errors);
    }

    [Fact]
    public void a_kiel_column_concord_does_not_read_is_ignored_unless_it_is_close_to_one_it_reads()
    {
        const string header = "donor,announcement_date,aid_type_general,measure,tot_activity_value,reporting_currency,explanation,anouncement_date";

        var table = Read(header + "\nNorway,2023-02-01,Humanitarian,Commitment,100,NOK,text,2023-02-01\n", ImportKiel.Format);

        var error = Assert.Single(table.Errors);
        Assert.Equal((1, "anouncement_date"), (error.Line, error.Column));
        Assert.Equal("Unknown column 'anouncement_date'. Did you mean 'announcement_date'?", error.Message);
    }

    [Theory]
    [InlineData("date_qualifer", "date_qualifier")]
    [InlineData("Date Qualifier", "date_qualifier")]
    [InlineData("canidate", "candidate")]
    [InlineData("stpe", "step")]
    [InlineData("source_of_aid_5", null)]
    [InlineData("explanation", null)]
    public void the_closest_name_is_offered_only_when_it_is_a_typing_error_away(string given, string? expected)
    {
        string[] names = ["candidate", "step", "date", "date_qualifier", "source", "source_of_aid_4"];

        Assert.Equal(expected, DidYouMean.Closest(given, names));
    }
}
