package dev.tollgate.adapter.postgres;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import org.apache.ibatis.mapping.ResultFlag;
import org.apache.ibatis.mapping.ResultMap;
import org.apache.ibatis.mapping.ResultMapping;
import org.apache.ibatis.session.Configuration;

/**
 * Explicit constructor result maps for row records read in bulk, registered before the mappers
 * that name them with {@code @ResultMap(RecordResultMaps.ENTRY_ROW)}. Without one, MyBatis's
 * argument-name automapping compares every component with every column, per row, through
 * {@code String.replace("_", "")}: a quarter of the CPU of a journal replay reading back 500
 * recorded entries a batch ({@code LedgerIngest}'s profile). With one, each column goes straight
 * to its type handler. Columns are the components' names in snake case, in component order.
 */
final class RecordResultMaps {

  /** {@link LedgerMapper.EntryRow}: the entry columns ({@code LedgerMapper.COLUMNS}). */
  static final String ENTRY_ROW = "rows.EntryRow";
  /** {@link BudgetMapper.BudgetRow}: {@code BudgetMapper.BUDGET_COLUMNS}, read per settlement batch. */
  static final String BUDGET_ROW = "rows.BudgetRow";
  /** {@link BudgetMapper.AccountRow}: an account's totals, locked per settlement batch. */
  static final String ACCOUNT_ROW = "rows.AccountRow";

  private RecordResultMaps() {}

  static void register(Configuration config) {
    add(config, ENTRY_ROW, LedgerMapper.EntryRow.class);
    add(config, BUDGET_ROW, BudgetMapper.BudgetRow.class);
    add(config, ACCOUNT_ROW, BudgetMapper.AccountRow.class);
  }

  private static void add(Configuration config, String id, Class<? extends Record> type) {
    List<ResultMapping> mappings = new ArrayList<>();
    for (RecordComponent c : type.getRecordComponents()) {
      Class<?> javaType = c.getType();
      mappings.add(new ResultMapping.Builder(config, c.getName(), snake(c.getName()), javaType)
          .typeHandler(config.getTypeHandlerRegistry().getTypeHandler(javaType))
          .flags(List.of(ResultFlag.CONSTRUCTOR))
          .build());
    }
    config.addResultMap(new ResultMap.Builder(config, id, type, mappings, false).build());
  }

  static String snake(String camel) {
    StringBuilder out = new StringBuilder(camel.length() + 8);
    for (int i = 0; i < camel.length(); i++) {
      char ch = camel.charAt(i);
      if (Character.isUpperCase(ch) || (Character.isDigit(ch) && i > 0
          && !Character.isDigit(camel.charAt(i - 1)))) {
        out.append('_');
      }
      out.append(Character.toLowerCase(ch));
    }
    return out.toString();
  }
}
