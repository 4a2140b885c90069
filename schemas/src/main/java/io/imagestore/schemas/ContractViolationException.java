package io.imagestore.schemas;

import java.util.List;

/** Input that is not valid JSON or breaks its contract's schema; the message lists every problem. */
public class ContractViolationException extends Exception {
  private static final long serialVersionUID = 1L;

  private final Contract contract;
  private final List<String> problems;

  public ContractViolationException(Contract contract, List<String> problems, Throwable cause) {
    super(contract.schemaFile() + ": " + String.join("; ", problems), cause);
    this.contract = contract;
    this.problems = List.copyOf(problems);
  }

  public Contract contract() {
    return contract;
  }

  public List<String> problems() {
    return problems;
  }
}
