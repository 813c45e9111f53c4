package dev.hygge.polish;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The column rules give the names the original hygge's polisher gave (its own test cases). */
class ColumnNamesTest {
    @Test
    void removeSpecialKeepsTheWordsInParenthesesAtTheEnd() {
        ColumnNames pascal = new ColumnNames(true, false, ColumnCase.PASCAL);
        assertThat(pascal.apply("Employee Number")).isEqualTo("EmployeeNumber");
        assertThat(pascal.apply("Effective-Date (UTC)")).isEqualTo("EffectiveDateUtc");
        assertThat(new ColumnNames(true, false, null).apply("Effective-Date (UTC)")).isEqualTo("Effective-Date UTC");
        assertThat(new ColumnNames(true, false, null).apply("Amount € #1")).isEqualTo("Amount  1");
    }

    @Test
    void camelAndSnake() {
        assertThat(new ColumnNames(true, false, ColumnCase.CAMEL).apply("Employee Number")).isEqualTo("employeeNumber");
        assertThat(new ColumnNames(true, false, ColumnCase.CAMEL).apply("Effective-Date")).isEqualTo("effectiveDate");
        assertThat(new ColumnNames(true, false, ColumnCase.SNAKE).apply("Employee Number")).isEqualTo("employee_number");
        assertThat(new ColumnNames(true, false, ColumnCase.SNAKE).apply("Effective-Date")).isEqualTo("effective_date");
    }

    @Test
    void wordBoundariesAsTheOriginalSplitThem() {
        ColumnNames snake = new ColumnNames(false, false, ColumnCase.SNAKE);
        assertThat(snake.apply("XMLParser")).isEqualTo("xml_parser");
        assertThat(snake.apply("HTTPSConnection")).isEqualTo("https_connection");
        assertThat(snake.apply("EmployeeID")).isEqualTo("employee_id");
        assertThat(snake.apply("employeeNumber")).isEqualTo("employee_number");
        assertThat(snake.apply("XMLHTTPRequest")).isEqualTo("xmlhttp_request");
        assertThat(new ColumnNames(true, true, ColumnCase.PASCAL).apply("User Hash ID")).isEqualTo("UserHashId");
        assertThat(new ColumnNames(true, false, ColumnCase.PASCAL).apply("AONE_Units")).isEqualTo("AoneUnits");
    }

    @Test
    void removeSpacesAloneAndNoRules() {
        assertThat(new ColumnNames(false, true, null).apply("Order ID")).isEqualTo("OrderID");
        assertThat(new ColumnNames(false, false, null).apply("Order ID (x)")).isEqualTo("Order ID (x)");
        assertThat(new ColumnNames(false, false, null).renames()).isFalse();
    }

    @Test
    void aNameTheRulesWouldEmptyKeepsItsOwn() {
        assertThat(new ColumnNames(true, false, ColumnCase.SNAKE).apply("€€")).isEqualTo("€€");
        assertThat(new ColumnNames(true, false, null).apply("(x)")).as("the original wrote the moved words after a space").isEqualTo(" x");
    }
}
