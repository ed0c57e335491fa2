package io.floatip.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The test parser must reject what it claims to: one broken input per rule, so a passing check means something. */
class ExpositionTest {

    private static final String GOOD = """
            # HELP up_total Things, with a \\\\ and a\\nnewline.
            # TYPE up_total counter
            up_total{a="x",b="q\\"uote \\\\ back\\nnl"} 3
            up_total{a="y"} 0
            # TYPE g gauge
            g 1.5e3
            g{x=""} -2
            """;

    private static void rejected(String text, String why) {
        Exposition.FormatException e = assertThrows(Exposition.FormatException.class, () -> Exposition.parse(text));
        assertTrue(e.getMessage().contains(why), () -> "expected '" + why + "' in: " + e.getMessage());
    }

    @Test
    void acceptsAndUnescapes() {
        Map<String, Exposition.Family> f = Exposition.parse(GOOD);
        assertEquals("Things, with a \\ and a\nnewline.", f.get("up_total").help());
        assertEquals("counter", f.get("up_total").type());
        assertEquals(3, Exposition.value(f, "up_total", "a", "x", "b", "q\"uote \\ back\nnl"));
        assertEquals(0, Exposition.value(f, "up_total", "a", "y"));
        assertEquals(1500, Exposition.value(f, "g"));
        assertEquals(-2, Exposition.value(f, "g", "x", ""));
    }

    @Test
    void emptyTextIsNoFamilies() {
        assertTrue(Exposition.parse("").isEmpty());
    }

    @Test
    void textMustEndWithANewline() {
        rejected("# TYPE g gauge\ng 1", "end with a newline");
    }

    @Test
    void noBlankLines() {
        rejected("# TYPE g gauge\n\ng 1\n", "blank line");
    }

    @Test
    void noOtherComments() {
        rejected("# just a note\n", "a comment must be");
        rejected("#HELP g x\n", "a comment must be");
    }

    @Test
    void metricNameMustBeWellFormed() {
        rejected("# TYPE 1g gauge\n", "bad metric name '1g'");
        rejected("# TYPE g gauge\ng-x 1\n", "bad metric name 'g-x'");
    }

    @Test
    void typeMustBeGaugeOrCounter() {
        rejected("# TYPE g summary\n", "TYPE must be gauge or counter");
        rejected("# TYPE g\n", "TYPE must be gauge or counter");
    }

    @Test
    void sampleNeedsItsTypeFirst() {
        rejected("g 1\n", "before its TYPE");
        rejected("# HELP g x\ng 1\n", "before its TYPE");
    }

    @Test
    void oneTypePerFamily() {
        rejected("# TYPE g gauge\n# TYPE g gauge\n", "a second TYPE");
    }

    @Test
    void oneHelpPerFamily() {
        rejected("# HELP g x\n# HELP g y\n# TYPE g gauge\n", "a second HELP");
    }

    @Test
    void typeAndHelpComeBeforeTheSamples() {
        rejected("# TYPE g gauge\ng 1\n# HELP g late\n", "after its samples");
    }

    @Test
    void aFamilysLinesStayTogether() {
        rejected("# TYPE a gauge\n# TYPE b gauge\na 1\n", "not together");
        rejected("# TYPE a gauge\na 1\n# TYPE b gauge\nb 1\na{x=\"1\"} 2\n", "not together");
    }

    @Test
    void labelNameMustBeWellFormed() {
        rejected("# TYPE g gauge\ng{1x=\"a\"} 1\n", "bad label name '1x'");
        rejected("# TYPE g gauge\ng{__name__=\"a\"} 1\n", "bad label name '__name__'");
    }

    @Test
    void labelValueMustBeQuoted() {
        rejected("# TYPE g gauge\ng{x=a} 1\n", "must be quoted");
    }

    @Test
    void labelValueEscapesAreOnlyBackslashQuoteAndN() {
        rejected("# TYPE g gauge\ng{x=\"a\\tb\"} 1\n", "bad escape '\\t'");
    }

    @Test
    void unescapedQuoteEndsTheValueEarly() {
        rejected("# TYPE g gauge\ng{x=\"a\"b\"} 1\n", "labels must be separated");
    }

    @Test
    void labelValueMustBeClosed() {
        rejected("# TYPE g gauge\ng{x=\"abc} 1\n", "unterminated");
    }

    @Test
    void noLabelTwice() {
        rejected("# TYPE g gauge\ng{x=\"a\",x=\"b\"} 1\n", "label x twice");
    }

    @Test
    void noTrailingCommaOrMissingComma() {
        rejected("# TYPE g gauge\ng{x=\"a\",} 1\n", "no trailing comma");
        rejected("# TYPE g gauge\ng{x=\"a\" y=\"b\"} 1\n", "labels must be separated");
    }

    @Test
    void valueMustBeANumber() {
        rejected("# TYPE g gauge\ng one\n", "not a number");
        rejected("# TYPE g gauge\ng 1,5\n", "not a number");
        rejected("# TYPE g gauge\ng\n", "expected one space and a value");
    }

    @Test
    void noTimestampsOrExtraFields() {
        rejected("# TYPE g gauge\ng 1 1700000000000\n", "not a number");
    }

    @Test
    void noSeriesTwice() {
        rejected("# TYPE g gauge\ng{a=\"1\",b=\"2\"} 1\ng{b=\"2\",a=\"1\"} 1\n", "twice");
        rejected("# TYPE g gauge\ng 1\ng 2\n", "twice");
    }

    @Test
    void countersAreNeverNegative() {
        rejected("# TYPE c_total counter\nc_total -1\n", "counter c_total is -1");
        rejected("# TYPE c_total counter\nc_total NaN\n", "counter c_total is NaN");
    }

    @Test
    void countersEndInTotal() {
        rejected("# TYPE c counter\n", "must end in _total");
    }

    @Test
    void helpEscapesAreOnlyBackslashAndN() {
        rejected("# HELP g a \\t b\n", "bad escape '\\t' in HELP");
    }

    @Test
    void valueLooksUpSeriesExactly() {
        Map<String, Exposition.Family> f = Exposition.parse(GOOD);
        assertThrows(AssertionError.class, () -> Exposition.value(f, "up_total", "a", "z"));
        assertThrows(AssertionError.class, () -> Exposition.value(f, "nope"));
    }
}
