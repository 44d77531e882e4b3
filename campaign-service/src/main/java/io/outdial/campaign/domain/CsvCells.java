package io.outdial.campaign.domain;

/**
 * Cells of exported CSV that a spreadsheet opens safely: a cell that starts with = + - or @ (or a
 * tab or carriage return) would be read as a formula, so it gets a leading single quote (OWASP
 * "CSV injection"). Phone numbers in E.164 therefore read '+12025550123.
 */
public final class CsvCells {

    private CsvCells() {
    }

    public static String safe(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        return switch (value.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + value;
            default -> value;
        };
    }
}
