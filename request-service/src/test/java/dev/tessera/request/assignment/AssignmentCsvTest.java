package dev.tessera.request.assignment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** CSV cells: RFC 4180 quoting and neutralised formulas. */
class AssignmentCsvTest {

    @Test
    void cellsASpreadsheetWouldRunAsFormulasStartWithAQuote() {
        assertEquals("\"'=HYPERLINK(\"\"http://x\"\")\"", AssignmentCsv.field("=HYPERLINK(\"http://x\")"));
        assertEquals("'+1", AssignmentCsv.field("+1"));
        assertEquals("'-2", AssignmentCsv.field("-2"));
        assertEquals("'@SUM(A1)", AssignmentCsv.field("@SUM(A1)"));
        assertEquals("'\tcmd", AssignmentCsv.field("\tcmd"));
        assertEquals("\"'=1+2,3\"", AssignmentCsv.field("=1+2,3"), "neutralised, then quoted for its comma");
    }

    @Test
    void ordinaryCellsAreUnchangedOrQuoted() {
        assertEquals("Sales", AssignmentCsv.field("Sales"));
        assertEquals("a-b=c", AssignmentCsv.field("a-b=c"));
        assertEquals("", AssignmentCsv.field(""));
        assertEquals("", AssignmentCsv.field(null));
        assertEquals("\"Sales, \"\"EMEA\"\"\"", AssignmentCsv.field("Sales, \"EMEA\""));
    }
}
