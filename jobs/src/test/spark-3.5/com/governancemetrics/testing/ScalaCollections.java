package com.governancemetrics.testing;

import java.util.List;
import scala.collection.JavaConverters;

/** Scala collections as Java ones in tests, Scala 2.12 (Spark 3.5); src/test/spark-4 has the 2.13 one. */
public final class ScalaCollections {

  private ScalaCollections() {}

  public static <T> List<T> asJava(scala.collection.Seq<T> seq) {
    return JavaConverters.seqAsJavaList(seq);
  }
}
