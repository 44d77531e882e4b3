package io.outdial.campaign.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 1, unit = TimeUnit.MINUTES)
class CsvCellsTest {

    @Test
    void cellsASpreadsheetWouldReadAsFormulasGetAQuote() {
        assertEquals("'=HYPERLINK(\"x\")", CsvCells.safe("=HYPERLINK(\"x\")"));
        assertEquals("'+12025550123", CsvCells.safe("+12025550123"));
        assertEquals("'-1", CsvCells.safe("-1"));
        assertEquals("'@SUM(A1)", CsvCells.safe("@SUM(A1)"));
        assertEquals("'\tx", CsvCells.safe("\tx"));
        assertEquals("a=b", CsvCells.safe("a=b"));
        assertEquals("outside_local_hours", CsvCells.safe("outside_local_hours"));
        assertEquals("", CsvCells.safe(""));
        assertNull(CsvCells.safe(null));
    }
}
