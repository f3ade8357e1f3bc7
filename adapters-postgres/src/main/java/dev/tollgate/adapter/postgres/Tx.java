package dev.tollgate.adapter.postgres;

import org.apache.ibatis.session.SqlSession;

/** One unit of work on one connection: its mappers, and whether it must roll back at the end. */
final class Tx {

  private final SqlSession session;
  private boolean rollbackOnly;

  Tx(SqlSession session) {
    this.session = session;
  }

  <M> M mapper(Class<M> type) {
    return session.getMapper(type);
  }

  /** The work decided to change nothing (a refusal): roll back instead of committing. */
  void rollbackOnly() {
    rollbackOnly = true;
  }

  boolean isRollbackOnly() {
    return rollbackOnly;
  }
}
