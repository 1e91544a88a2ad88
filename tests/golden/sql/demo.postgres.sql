WITH "case_rows" AS MATERIALIZED (
  SELECT
    COALESCE(NULLIF(CAST("c"."area" AS VARCHAR), ''), '(blank)') AS "inspection",
    CASE LOWER(NULLIF(CAST("c"."psr" AS VARCHAR), ''))
      WHEN 'true'
      THEN 1
      WHEN 'false'
      THEN 0
      WHEN 'yes'
      THEN 1
      WHEN 'no'
      THEN 0
      WHEN '1'
      THEN 1
      WHEN '0'
      THEN 0
    END AS "v1",
    CASE NULLIF(CAST("c"."rosh" AS VARCHAR), '')
      WHEN 'low'
      THEN 0
      WHEN 'medium'
      THEN 1
      WHEN 'high'
      THEN 2
      WHEN 'very_high'
      THEN 3
    END AS "v2",
    CASE LOWER(NULLIF(CAST("c"."child_protection" AS VARCHAR), ''))
      WHEN 'true'
      THEN 1
      WHEN 'false'
      THEN 0
      WHEN 'yes'
      THEN 1
      WHEN 'no'
      THEN 0
      WHEN '1'
      THEN 1
      WHEN '0'
      THEN 0
    END AS "v3",
    CASE NULLIF(CAST("c"."mappa_level" AS VARCHAR), '')
      WHEN 'none'
      THEN 0
      WHEN 'level_1'
      THEN 1
      WHEN 'level_2'
      THEN 2
      WHEN 'level_3'
      THEN 3
    END AS "v4",
    CASE NULLIF(CAST("c"."case_type" AS VARCHAR), '')
      WHEN 'community'
      THEN 0
      WHEN 'licence'
      THEN 1
      WHEN 'custody'
      THEN 2
    END AS "v5",
    CAST(CASE NULLIF(CAST("i"."leadership" AS VARCHAR), '')
      WHEN 'well_met'
      THEN 0
      WHEN 'satisfactorily_met'
      THEN 1
      WHEN 'partly_met'
      THEN 2
      WHEN 'not_met'
      THEN 3
    END AS DOUBLE PRECISION) AS "w1",
    CASE NULLIF(CAST("c"."1.1a" AS VARCHAR), '')
      WHEN 'sufficient'
      THEN 0
      WHEN 'insufficient'
      THEN 1
      WHEN 'not_done'
      THEN 2
      WHEN 'na'
      THEN 3
      WHEN 'n/a'
      THEN 3
      WHEN 'N/A'
      THEN 3
    END AS "a1",
    CASE NULLIF(CAST("c"."1.1b" AS VARCHAR), '')
      WHEN 'sufficient'
      THEN 0
      WHEN 'insufficient'
      THEN 1
      WHEN 'not_done'
      THEN 2
      WHEN 'na'
      THEN 3
      WHEN 'n/a'
      THEN 3
      WHEN 'N/A'
      THEN 3
    END AS "a2",
    CASE NULLIF(CAST("c"."1.1c" AS VARCHAR), '')
      WHEN 'sufficient'
      THEN 0
      WHEN 'insufficient'
      THEN 1
      WHEN 'not_done'
      THEN 2
      WHEN 'na'
      THEN 3
      WHEN 'n/a'
      THEN 3
      WHEN 'N/A'
      THEN 3
    END AS "a3",
    CASE NULLIF(CAST("c"."1.1s" AS VARCHAR), '')
      WHEN 'sufficient'
      THEN 0
      WHEN 'insufficient'
      THEN 1
      WHEN 'not_done'
      THEN 2
      WHEN 'na'
      THEN 3
      WHEN 'n/a'
      THEN 3
      WHEN 'N/A'
      THEN 3
    END AS "a4",
    CASE NULLIF(CAST("c"."1.2a" AS VARCHAR), '')
      WHEN 'sufficient'
      THEN 0
      WHEN 'insufficient'
      THEN 1
      WHEN 'not_done'
      THEN 2
      WHEN 'na'
      THEN 3
      WHEN 'n/a'
      THEN 3
      WHEN 'N/A'
      THEN 3
    END AS "a5",
    CASE NULLIF(CAST("c"."1.2b" AS VARCHAR), '')
      WHEN 'sufficient'
      THEN 0
      WHEN 'insufficient'
      THEN 1
      WHEN 'not_done'
      THEN 2
      WHEN 'na'
      THEN 3
      WHEN 'n/a'
      THEN 3
      WHEN 'N/A'
      THEN 3
    END AS "a6",
    CASE NULLIF(CAST("c"."1.2c" AS VARCHAR), '')
      WHEN 'sufficient'
      THEN 0
      WHEN 'insufficient'
      THEN 1
      WHEN 'not_done'
      THEN 2
      WHEN 'na'
      THEN 3
      WHEN 'n/a'
      THEN 3
      WHEN 'N/A'
      THEN 3
    END AS "a7",
    CASE NULLIF(CAST("c"."1.2d" AS VARCHAR), '')
      WHEN 'sufficient'
      THEN 0
      WHEN 'insufficient'
      THEN 1
      WHEN 'not_done'
      THEN 2
      WHEN 'na'
      THEN 3
      WHEN 'n/a'
      THEN 3
      WHEN 'N/A'
      THEN 3
    END AS "a8",
    CASE NULLIF(CAST("c"."1.2s" AS VARCHAR), '')
      WHEN 'sufficient'
      THEN 0
      WHEN 'insufficient'
      THEN 1
      WHEN 'not_done'
      THEN 2
      WHEN 'na'
      THEN 3
      WHEN 'n/a'
      THEN 3
      WHEN 'N/A'
      THEN 3
    END AS "a9",
    CASE NULLIF(CAST("c"."1.3a" AS VARCHAR), '')
      WHEN 'sufficient'
      THEN 0
      WHEN 'insufficient'
      THEN 1
      WHEN 'not_done'
      THEN 2
      WHEN 'na'
      THEN 3
      WHEN 'n/a'
      THEN 3
      WHEN 'N/A'
      THEN 3
    END AS "a10",
    CASE NULLIF(CAST("c"."1.3b" AS VARCHAR), '')
      WHEN 'sufficient'
      THEN 0
      WHEN 'insufficient'
      THEN 1
      WHEN 'not_done'
      THEN 2
      WHEN 'na'
      THEN 3
      WHEN 'n/a'
      THEN 3
      WHEN 'N/A'
      THEN 3
    END AS "a11",
    CASE NULLIF(CAST("c"."1.3s" AS VARCHAR), '')
      WHEN 'sufficient'
      THEN 0
      WHEN 'insufficient'
      THEN 1
      WHEN 'not_done'
      THEN 2
      WHEN 'na'
      THEN 3
      WHEN 'n/a'
      THEN 3
      WHEN 'N/A'
      THEN 3
    END AS "a12",
    CASE NULLIF(CAST("c"."2.1a" AS VARCHAR), '')
      WHEN 'sufficient'
      THEN 0
      WHEN 'insufficient'
      THEN 1
      WHEN 'not_done'
      THEN 2
      WHEN 'na'
      THEN 3
      WHEN 'n/a'
      THEN 3
      WHEN 'N/A'
      THEN 3
    END AS "a13",
    CASE NULLIF(CAST("c"."2.1b" AS VARCHAR), '')
      WHEN 'sufficient'
      THEN 0
      WHEN 'insufficient'
      THEN 1
      WHEN 'not_done'
      THEN 2
      WHEN 'na'
      THEN 3
      WHEN 'n/a'
      THEN 3
      WHEN 'N/A'
      THEN 3
    END AS "a14",
    CASE NULLIF(CAST("c"."2.1c" AS VARCHAR), '')
      WHEN 'sufficient'
      THEN 0
      WHEN 'insufficient'
      THEN 1
      WHEN 'not_done'
      THEN 2
      WHEN 'na'
      THEN 3
      WHEN 'n/a'
      THEN 3
      WHEN 'N/A'
      THEN 3
    END AS "a15",
    CASE NULLIF(CAST("c"."2.1s" AS VARCHAR), '')
      WHEN 'sufficient'
      THEN 0
      WHEN 'insufficient'
      THEN 1
      WHEN 'not_done'
      THEN 2
      WHEN 'na'
      THEN 3
      WHEN 'n/a'
      THEN 3
      WHEN 'N/A'
      THEN 3
    END AS "a16",
    CASE NULLIF(CAST("c"."2.2a" AS VARCHAR), '')
      WHEN 'sufficient'
      THEN 0
      WHEN 'insufficient'
      THEN 1
      WHEN 'not_done'
      THEN 2
      WHEN 'na'
      THEN 3
      WHEN 'n/a'
      THEN 3
      WHEN 'N/A'
      THEN 3
    END AS "a17",
    CASE NULLIF(CAST("c"."2.2b" AS VARCHAR), '')
      WHEN 'sufficient'
      THEN 0
      WHEN 'insufficient'
      THEN 1
      WHEN 'not_done'
      THEN 2
      WHEN 'na'
      THEN 3
      WHEN 'n/a'
      THEN 3
      WHEN 'N/A'
      THEN 3
    END AS "a18",
    CASE NULLIF(CAST("c"."2.2c" AS VARCHAR), '')
      WHEN 'sufficient'
      THEN 0
      WHEN 'insufficient'
      THEN 1
      WHEN 'not_done'
      THEN 2
      WHEN 'na'
      THEN 3
      WHEN 'n/a'
      THEN 3
      WHEN 'N/A'
      THEN 3
    END AS "a19",
    CASE NULLIF(CAST("c"."2.2s" AS VARCHAR), '')
      WHEN 'sufficient'
      THEN 0
      WHEN 'insufficient'
      THEN 1
      WHEN 'not_done'
      THEN 2
      WHEN 'na'
      THEN 3
      WHEN 'n/a'
      THEN 3
      WHEN 'N/A'
      THEN 3
    END AS "a20",
    CASE NULLIF(CAST("c"."3a" AS VARCHAR), '')
      WHEN 'sufficient'
      THEN 0
      WHEN 'insufficient'
      THEN 1
      WHEN 'not_done'
      THEN 2
      WHEN 'na'
      THEN 3
      WHEN 'n/a'
      THEN 3
      WHEN 'N/A'
      THEN 3
    END AS "a21",
    CASE NULLIF(CAST("c"."3b" AS VARCHAR), '')
      WHEN 'sufficient'
      THEN 0
      WHEN 'insufficient'
      THEN 1
      WHEN 'not_done'
      THEN 2
      WHEN 'na'
      THEN 3
      WHEN 'n/a'
      THEN 3
      WHEN 'N/A'
      THEN 3
    END AS "a22",
    CASE NULLIF(CAST("c"."3c" AS VARCHAR), '')
      WHEN 'sufficient'
      THEN 0
      WHEN 'insufficient'
      THEN 1
      WHEN 'not_done'
      THEN 2
      WHEN 'na'
      THEN 3
      WHEN 'n/a'
      THEN 3
      WHEN 'N/A'
      THEN 3
    END AS "a23"
  FROM "cases" AS "c"
  LEFT JOIN "inspection_inputs" AS "i"
    ON NULLIF(CAST("i"."area" AS VARCHAR), '') = COALESCE(NULLIF(CAST("c"."area" AS VARCHAR), ''), '(blank)')
), "case_tests" AS MATERIALIZED (
  SELECT
    *,
    CASE WHEN "v1" <> 0 THEN 1 ELSE 0 END AS "t1",
    CASE WHEN (
      "v2" IN (1, 2, 3)
    ) THEN 1 ELSE 0 END AS "t2",
    CASE WHEN "v2" >= 1 THEN 1 ELSE 0 END AS "t3",
    CASE WHEN "v3" <> 0 THEN 1 ELSE 0 END AS "t4",
    CASE WHEN (
      "v4" IN (2, 3)
    ) THEN 1 ELSE 0 END AS "t5",
    CASE
      WHEN (
        (
          (
            "v2" IN (2, 3)
          )
        ) OR (
          "v3" <> 0
        )
      )
      THEN 1
      ELSE 0
    END AS "t6",
    CASE WHEN "v5" <> 2 THEN 1 ELSE 0 END AS "t7"
  FROM "case_rows"
), "case_status" AS MATERIALIZED (
  SELECT
    *,
    CASE WHEN (
      (
        "t1" = 1
      ) AND (
        "a1" IN (0, 1, 2)
      )
    ) THEN 1 ELSE 0 END AS "c1",
    CASE WHEN (
      (
        "t1" = 1
      ) AND (
        "a1" IN (0)
      )
    ) THEN 1 ELSE 0 END AS "h1",
    CASE WHEN (
      (
        "t1" = 1
      ) AND (
        "a2" IN (0, 1, 2)
      )
    ) THEN 1 ELSE 0 END AS "c2",
    CASE WHEN (
      (
        "t1" = 1
      ) AND (
        "a2" IN (0)
      )
    ) THEN 1 ELSE 0 END AS "h2",
    CASE WHEN (
      (
        "t1" = 1
      ) AND (
        "a3" IN (0, 1, 2)
      )
    ) THEN 1 ELSE 0 END AS "c3",
    CASE WHEN (
      (
        "t1" = 1
      ) AND (
        "a3" IN (0)
      )
    ) THEN 1 ELSE 0 END AS "h3",
    CASE WHEN (
      (
        "t1" = 1
      ) AND (
        "a4" IN (0, 1, 2)
      )
    ) THEN 1 ELSE 0 END AS "c4",
    CASE WHEN (
      (
        "t1" = 1
      ) AND (
        "a4" IN (0)
      )
    ) THEN 1 ELSE 0 END AS "h4",
    CASE WHEN (
      "a5" IN (0, 1, 2)
    ) THEN 1 ELSE 0 END AS "c5",
    CASE WHEN (
      "a5" IN (0)
    ) THEN 1 ELSE 0 END AS "h5",
    CASE WHEN (
      (
        "t2" = 1
      ) AND (
        "a6" IN (0, 1, 2)
      )
    ) THEN 1 ELSE 0 END AS "c6",
    CASE WHEN (
      (
        "t2" = 1
      ) AND (
        "a6" IN (0)
      )
    ) THEN 1 ELSE 0 END AS "h6",
    CASE WHEN (
      (
        "t3" = 1
      ) AND (
        "a7" IN (0, 1, 2)
      )
    ) THEN 1 ELSE 0 END AS "c7",
    CASE WHEN (
      (
        "t3" = 1
      ) AND (
        "a7" IN (0)
      )
    ) THEN 1 ELSE 0 END AS "h7",
    CASE WHEN (
      (
        "t4" = 1
      ) AND (
        "a8" IN (0, 1, 2)
      )
    ) THEN 1 ELSE 0 END AS "c8",
    CASE WHEN (
      (
        "t4" = 1
      ) AND (
        "a8" IN (0)
      )
    ) THEN 1 ELSE 0 END AS "h8",
    CASE WHEN (
      "a9" IN (0, 1, 2)
    ) THEN 1 ELSE 0 END AS "c9",
    CASE WHEN (
      "a9" IN (0)
    ) THEN 1 ELSE 0 END AS "h9",
    CASE WHEN (
      "a10" IN (0, 1, 2)
    ) THEN 1 ELSE 0 END AS "c10",
    CASE WHEN (
      "a10" IN (0)
    ) THEN 1 ELSE 0 END AS "h10",
    CASE WHEN (
      "a11" IN (0, 1, 2)
    ) THEN 1 ELSE 0 END AS "c11",
    CASE WHEN (
      "a11" IN (0)
    ) THEN 1 ELSE 0 END AS "h11",
    CASE WHEN (
      "a12" IN (0, 1, 2)
    ) THEN 1 ELSE 0 END AS "c12",
    CASE WHEN (
      "a12" IN (0)
    ) THEN 1 ELSE 0 END AS "h12",
    CASE WHEN (
      "a13" IN (0, 1, 2)
    ) THEN 1 ELSE 0 END AS "c13",
    CASE WHEN (
      "a13" IN (0)
    ) THEN 1 ELSE 0 END AS "h13",
    CASE WHEN (
      "a14" IN (0, 1, 2)
    ) THEN 1 ELSE 0 END AS "c14",
    CASE WHEN (
      "a14" IN (0)
    ) THEN 1 ELSE 0 END AS "h14",
    CASE WHEN (
      "a15" IN (0, 1, 2)
    ) THEN 1 ELSE 0 END AS "c15",
    CASE WHEN (
      "a15" IN (0)
    ) THEN 1 ELSE 0 END AS "h15",
    CASE WHEN (
      "a16" IN (0, 1, 2)
    ) THEN 1 ELSE 0 END AS "c16",
    CASE WHEN (
      "a16" IN (0)
    ) THEN 1 ELSE 0 END AS "h16",
    CASE WHEN (
      "a17" IN (0, 1, 2)
    ) THEN 1 ELSE 0 END AS "c17",
    CASE WHEN (
      "a17" IN (0)
    ) THEN 1 ELSE 0 END AS "h17",
    CASE
      WHEN (
        (
          "t5" = 1
        ) AND (
          "a18" IN (0, 1, 2)
        )
      )
      THEN 1
      ELSE 0
    END AS "c18",
    CASE WHEN (
      (
        "t5" = 1
      ) AND (
        "a18" IN (0)
      )
    ) THEN 1 ELSE 0 END AS "h18",
    CASE
      WHEN (
        (
          "t6" = 1
        ) AND (
          "a19" IN (0, 1, 2)
        )
      )
      THEN 1
      ELSE 0
    END AS "c19",
    CASE WHEN (
      (
        "t6" = 1
      ) AND (
        "a19" IN (0)
      )
    ) THEN 1 ELSE 0 END AS "h19",
    CASE WHEN (
      "a20" IN (0, 1, 2)
    ) THEN 1 ELSE 0 END AS "c20",
    CASE WHEN (
      "a20" IN (0)
    ) THEN 1 ELSE 0 END AS "h20",
    CASE WHEN (
      "a21" IN (0, 1, 2)
    ) THEN 1 ELSE 0 END AS "c21",
    CASE WHEN (
      "a21" IN (0)
    ) THEN 1 ELSE 0 END AS "h21",
    CASE WHEN (
      "a22" IN (0, 1, 2)
    ) THEN 1 ELSE 0 END AS "c22",
    CASE WHEN (
      "a22" IN (0)
    ) THEN 1 ELSE 0 END AS "h22",
    CASE
      WHEN (
        (
          "t7" = 1
        ) AND (
          "a23" IN (0, 1, 2)
        )
      )
      THEN 1
      ELSE 0
    END AS "c23",
    CASE WHEN (
      (
        "t7" = 1
      ) AND (
        "a23" IN (0)
      )
    ) THEN 1 ELSE 0 END AS "h23"
  FROM "case_tests"
), "inspection_counts" AS MATERIALIZED (
  SELECT
    "inspection",
    SUM("h1") AS "n1",
    SUM("c1") AS "d1",
    SUM("h2") AS "n2",
    SUM("c2") AS "d2",
    SUM("h3") AS "n3",
    SUM("c3") AS "d3",
    SUM("h4") AS "n4",
    SUM("c4") AS "d4",
    SUM("h5") AS "n5",
    SUM("c5") AS "d5",
    SUM("h6") AS "n6",
    SUM("c6") AS "d6",
    SUM("h7") AS "n7",
    SUM("c7") AS "d7",
    SUM("h8") AS "n8",
    SUM("c8") AS "d8",
    SUM("h9") AS "n9",
    SUM("c9") AS "d9",
    SUM("h10") AS "n10",
    SUM("c10") AS "d10",
    SUM("h11") AS "n11",
    SUM("c11") AS "d11",
    SUM("h12") AS "n12",
    SUM("c12") AS "d12",
    SUM("h13") AS "n13",
    SUM("c13") AS "d13",
    SUM("h14") AS "n14",
    SUM("c14") AS "d14",
    SUM("h15") AS "n15",
    SUM("c15") AS "d15",
    SUM("h16") AS "n16",
    SUM("c16") AS "d16",
    SUM("h17") AS "n17",
    SUM("c17") AS "d17",
    SUM("h18") AS "n18",
    SUM("c18") AS "d18",
    SUM("h19") AS "n19",
    SUM("c19") AS "d19",
    SUM("h20") AS "n20",
    SUM("c20") AS "d20",
    SUM("h21") AS "n21",
    SUM("c21") AS "d21",
    SUM("h22") AS "n22",
    SUM("c22") AS "d22",
    SUM("h23") AS "n23",
    SUM("c23") AS "d23",
    SUM(
      CASE
        WHEN (
          "c1" + "c2" + "c3" + "c4" + "c5" + "c6" + "c7" + "c8" + "c9" + "c10" + "c11" + "c12"
        ) > 0
        THEN 1
        ELSE 0
      END
    ) AS "k1",
    SUM(CASE WHEN (
      "c1" + "c2" + "c3" + "c4"
    ) > 0 THEN 1 ELSE 0 END) AS "k2",
    SUM(CASE WHEN (
      "c5" + "c6" + "c7" + "c8" + "c9"
    ) > 0 THEN 1 ELSE 0 END) AS "k3",
    SUM(CASE WHEN (
      "c10" + "c11" + "c12"
    ) > 0 THEN 1 ELSE 0 END) AS "k4",
    SUM(
      CASE
        WHEN (
          "c13" + "c14" + "c15" + "c16" + "c17" + "c18" + "c19" + "c20"
        ) > 0
        THEN 1
        ELSE 0
      END
    ) AS "k5",
    SUM(CASE WHEN (
      "c13" + "c14" + "c15" + "c16"
    ) > 0 THEN 1 ELSE 0 END) AS "k6",
    SUM(CASE WHEN (
      "c17" + "c18" + "c19" + "c20"
    ) > 0 THEN 1 ELSE 0 END) AS "k7",
    SUM(CASE WHEN (
      "c21" + "c22" + "c23"
    ) > 0 THEN 1 ELSE 0 END) AS "k8",
    SUM(
      CASE
        WHEN (
          "c2" + "c5" + "c6" + "c7" + "c8" + "c9" + "c17" + "c18" + "c19" + "c20" + "c23"
        ) > 0
        THEN 1
        ELSE 0
      END
    ) AS "k9",
    SUM(
      CASE WHEN (
        "c3" + "c10" + "c11" + "c12" + "c13" + "c22"
      ) > 0 THEN 1 ELSE 0 END
    ) AS "k10",
    SUM(
      CASE
        WHEN (
          "c1" + "c2" + "c3" + "c4" + "c5" + "c6" + "c7" + "c8" + "c9" + "c10" + "c11" + "c12" + "c13" + "c14" + "c15" + "c16" + "c17" + "c18" + "c19" + "c20" + "c21" + "c22" + "c23"
        ) > 0
        THEN 1
        ELSE 0
      END
    ) AS "k11",
    SUM(
      CASE
        WHEN (
          "c1" + "c2" + "c3" + "c4" + "c5" + "c6" + "c7" + "c8" + "c9" + "c10" + "c11" + "c12" + "c13" + "c14" + "c15" + "c16" + "c17" + "c18" + "c19" + "c20" + "c21" + "c22" + "c23"
        ) > 0
        THEN 1
        ELSE 0
      END
    ) AS "k12",
    SUM(CASE WHEN (
      "c1" + "c2" + "c3" + "c4"
    ) > 0 THEN 1 ELSE 0 END) AS "k13",
    SUM(CASE WHEN (
      "c5" + "c6" + "c7" + "c8" + "c9"
    ) > 0 THEN 1 ELSE 0 END) AS "k14",
    SUM(CASE WHEN (
      "c10" + "c11" + "c12"
    ) > 0 THEN 1 ELSE 0 END) AS "k15",
    SUM(CASE WHEN (
      "c13" + "c14" + "c15" + "c16"
    ) > 0 THEN 1 ELSE 0 END) AS "k16",
    SUM(CASE WHEN (
      "c17" + "c18" + "c19" + "c20"
    ) > 0 THEN 1 ELSE 0 END) AS "k17",
    SUM(
      CASE
        WHEN (
          "c2" + "c5" + "c6" + "c7" + "c8" + "c9" + "c17" + "c18" + "c19" + "c20" + "c23"
        ) > 0
        THEN 1
        ELSE 0
      END
    ) AS "k18",
    SUM(
      CASE WHEN (
        "c3" + "c10" + "c11" + "c12" + "c13" + "c22"
      ) > 0 THEN 1 ELSE 0 END
    ) AS "k19",
    SUM(
      CASE
        WHEN (
          "c1" + "c2" + "c3" + "c4" + "c5" + "c6" + "c7" + "c8" + "c9" + "c10" + "c11" + "c12"
        ) > 0
        THEN 1
        ELSE 0
      END
    ) AS "k20",
    SUM(
      CASE
        WHEN (
          "c13" + "c14" + "c15" + "c16" + "c17" + "c18" + "c19" + "c20"
        ) > 0
        THEN 1
        ELSE 0
      END
    ) AS "k21",
    SUM(CASE WHEN (
      "c21" + "c22" + "c23"
    ) > 0 THEN 1 ELSE 0 END) AS "k22",
    MAX("w1") AS "i1"
  FROM "case_status"
  GROUP BY
    "inspection"
), "level_1" AS MATERIALIZED (
  SELECT
    *,
    CASE
      WHEN "d1" > 0
      THEN CAST("n1" AS DOUBLE PRECISION) / CAST("d1" AS DOUBLE PRECISION)
    END AS "p1",
    CASE
      WHEN "d2" > 0
      THEN CAST("n2" AS DOUBLE PRECISION) / CAST("d2" AS DOUBLE PRECISION)
    END AS "p2",
    CASE
      WHEN "d3" > 0
      THEN CAST("n3" AS DOUBLE PRECISION) / CAST("d3" AS DOUBLE PRECISION)
    END AS "p3",
    CASE
      WHEN "d4" > 0
      THEN CAST("n4" AS DOUBLE PRECISION) / CAST("d4" AS DOUBLE PRECISION)
    END AS "p4",
    CASE
      WHEN "d5" > 0
      THEN CAST("n5" AS DOUBLE PRECISION) / CAST("d5" AS DOUBLE PRECISION)
    END AS "p5",
    CASE
      WHEN "d6" > 0
      THEN CAST("n6" AS DOUBLE PRECISION) / CAST("d6" AS DOUBLE PRECISION)
    END AS "p6",
    CASE
      WHEN "d7" > 0
      THEN CAST("n7" AS DOUBLE PRECISION) / CAST("d7" AS DOUBLE PRECISION)
    END AS "p7",
    CASE
      WHEN "d8" > 0
      THEN CAST("n8" AS DOUBLE PRECISION) / CAST("d8" AS DOUBLE PRECISION)
    END AS "p8",
    CASE
      WHEN "d9" > 0
      THEN CAST("n9" AS DOUBLE PRECISION) / CAST("d9" AS DOUBLE PRECISION)
    END AS "p9",
    CASE
      WHEN "d10" > 0
      THEN CAST("n10" AS DOUBLE PRECISION) / CAST("d10" AS DOUBLE PRECISION)
    END AS "p10",
    CASE
      WHEN "d11" > 0
      THEN CAST("n11" AS DOUBLE PRECISION) / CAST("d11" AS DOUBLE PRECISION)
    END AS "p11",
    CASE
      WHEN "d12" > 0
      THEN CAST("n12" AS DOUBLE PRECISION) / CAST("d12" AS DOUBLE PRECISION)
    END AS "p12",
    CASE
      WHEN "d13" > 0
      THEN CAST("n13" AS DOUBLE PRECISION) / CAST("d13" AS DOUBLE PRECISION)
    END AS "p13",
    CASE
      WHEN "d14" > 0
      THEN CAST("n14" AS DOUBLE PRECISION) / CAST("d14" AS DOUBLE PRECISION)
    END AS "p14",
    CASE
      WHEN "d15" > 0
      THEN CAST("n15" AS DOUBLE PRECISION) / CAST("d15" AS DOUBLE PRECISION)
    END AS "p15",
    CASE
      WHEN "d16" > 0
      THEN CAST("n16" AS DOUBLE PRECISION) / CAST("d16" AS DOUBLE PRECISION)
    END AS "p16",
    CASE
      WHEN "d17" > 0
      THEN CAST("n17" AS DOUBLE PRECISION) / CAST("d17" AS DOUBLE PRECISION)
    END AS "p17",
    CASE
      WHEN "d18" > 0
      THEN CAST("n18" AS DOUBLE PRECISION) / CAST("d18" AS DOUBLE PRECISION)
    END AS "p18",
    CASE
      WHEN "d19" > 0
      THEN CAST("n19" AS DOUBLE PRECISION) / CAST("d19" AS DOUBLE PRECISION)
    END AS "p19",
    CASE
      WHEN "d20" > 0
      THEN CAST("n20" AS DOUBLE PRECISION) / CAST("d20" AS DOUBLE PRECISION)
    END AS "p20",
    CASE
      WHEN "d21" > 0
      THEN CAST("n21" AS DOUBLE PRECISION) / CAST("d21" AS DOUBLE PRECISION)
    END AS "p21",
    CASE
      WHEN "d22" > 0
      THEN CAST("n22" AS DOUBLE PRECISION) / CAST("d22" AS DOUBLE PRECISION)
    END AS "p22",
    CASE
      WHEN "d23" > 0
      THEN CAST("n23" AS DOUBLE PRECISION) / CAST("d23" AS DOUBLE PRECISION)
    END AS "p23",
    CASE
      WHEN (
        "d2" + "d5" + "d6" + "d7" + "d8" + "d9" + "d17" + "d18" + "d19" + "d20" + "d23"
      ) > 0
      THEN CAST("n2" + "n5" + "n6" + "n7" + "n8" + "n9" + "n17" + "n18" + "n19" + "n20" + "n23" AS DOUBLE PRECISION) / CAST("d2" + "d5" + "d6" + "d7" + "d8" + "d9" + "d17" + "d18" + "d19" + "d20" + "d23" AS DOUBLE PRECISION)
    END AS "x37",
    CASE
      WHEN (
        "d3" + "d10" + "d11" + "d12" + "d13" + "d22"
      ) > 0
      THEN CAST("n3" + "n10" + "n11" + "n12" + "n13" + "n22" AS DOUBLE PRECISION) / CAST("d3" + "d10" + "d11" + "d12" + "d13" + "d22" AS DOUBLE PRECISION)
    END AS "x38",
    "i1" AS "x44"
  FROM "inspection_counts"
), "level_2" AS MATERIALIZED (
  SELECT
    *,
    CASE
      WHEN (
        CASE
          WHEN NOT (
            "p1" IS NULL
          )
          THEN CAST(1.0 AS DOUBLE PRECISION)
          ELSE CAST(0.0 AS DOUBLE PRECISION)
        END + CASE
          WHEN NOT (
            "p2" IS NULL
          )
          THEN CAST(1.0 AS DOUBLE PRECISION)
          ELSE CAST(0.0 AS DOUBLE PRECISION)
        END + CASE
          WHEN NOT (
            "p3" IS NULL
          )
          THEN CAST(1.0 AS DOUBLE PRECISION)
          ELSE CAST(0.0 AS DOUBLE PRECISION)
        END
      ) > CAST(0.0 AS DOUBLE PRECISION)
      THEN CAST((
        COALESCE("p1", CAST(0.0 AS DOUBLE PRECISION)) + COALESCE("p2", CAST(0.0 AS DOUBLE PRECISION)) + COALESCE("p3", CAST(0.0 AS DOUBLE PRECISION))
      ) AS DOUBLE PRECISION) / (
        CASE
          WHEN NOT (
            "p1" IS NULL
          )
          THEN CAST(1.0 AS DOUBLE PRECISION)
          ELSE CAST(0.0 AS DOUBLE PRECISION)
        END + CASE
          WHEN NOT (
            "p2" IS NULL
          )
          THEN CAST(1.0 AS DOUBLE PRECISION)
          ELSE CAST(0.0 AS DOUBLE PRECISION)
        END + CASE
          WHEN NOT (
            "p3" IS NULL
          )
          THEN CAST(1.0 AS DOUBLE PRECISION)
          ELSE CAST(0.0 AS DOUBLE PRECISION)
        END
      )
    END AS "x24",
    CASE
      WHEN (
        CASE
          WHEN NOT (
            "p5" IS NULL
          )
          THEN CAST(1.0 AS DOUBLE PRECISION)
          ELSE CAST(0.0 AS DOUBLE PRECISION)
        END + CASE
          WHEN NOT (
            "p6" IS NULL
          )
          THEN CAST(1.0 AS DOUBLE PRECISION)
          ELSE CAST(0.0 AS DOUBLE PRECISION)
        END + CASE
          WHEN NOT (
            "p7" IS NULL
          )
          THEN CAST(1.0 AS DOUBLE PRECISION)
          ELSE CAST(0.0 AS DOUBLE PRECISION)
        END + CASE
          WHEN NOT (
            "p8" IS NULL
          )
          THEN CAST(1.0 AS DOUBLE PRECISION)
          ELSE CAST(0.0 AS DOUBLE PRECISION)
        END
      ) > CAST(0.0 AS DOUBLE PRECISION)
      THEN CAST((
        COALESCE("p5", CAST(0.0 AS DOUBLE PRECISION)) + COALESCE("p6", CAST(0.0 AS DOUBLE PRECISION)) + COALESCE("p7", CAST(0.0 AS DOUBLE PRECISION)) + COALESCE("p8", CAST(0.0 AS DOUBLE PRECISION))
      ) AS DOUBLE PRECISION) / (
        CASE
          WHEN NOT (
            "p5" IS NULL
          )
          THEN CAST(1.0 AS DOUBLE PRECISION)
          ELSE CAST(0.0 AS DOUBLE PRECISION)
        END + CASE
          WHEN NOT (
            "p6" IS NULL
          )
          THEN CAST(1.0 AS DOUBLE PRECISION)
          ELSE CAST(0.0 AS DOUBLE PRECISION)
        END + CASE
          WHEN NOT (
            "p7" IS NULL
          )
          THEN CAST(1.0 AS DOUBLE PRECISION)
          ELSE CAST(0.0 AS DOUBLE PRECISION)
        END + CASE
          WHEN NOT (
            "p8" IS NULL
          )
          THEN CAST(1.0 AS DOUBLE PRECISION)
          ELSE CAST(0.0 AS DOUBLE PRECISION)
        END
      )
    END AS "x26",
    CASE
      WHEN (
        CASE
          WHEN NOT (
            "p10" IS NULL
          )
          THEN CAST(1.0 AS DOUBLE PRECISION)
          ELSE CAST(0.0 AS DOUBLE PRECISION)
        END + CASE
          WHEN NOT (
            "p11" IS NULL
          )
          THEN CAST(1.0 AS DOUBLE PRECISION)
          ELSE CAST(0.0 AS DOUBLE PRECISION)
        END
      ) > CAST(0.0 AS DOUBLE PRECISION)
      THEN CAST((
        COALESCE("p10", CAST(0.0 AS DOUBLE PRECISION)) + COALESCE("p11", CAST(0.0 AS DOUBLE PRECISION))
      ) AS DOUBLE PRECISION) / (
        CASE
          WHEN NOT (
            "p10" IS NULL
          )
          THEN CAST(1.0 AS DOUBLE PRECISION)
          ELSE CAST(0.0 AS DOUBLE PRECISION)
        END + CASE
          WHEN NOT (
            "p11" IS NULL
          )
          THEN CAST(1.0 AS DOUBLE PRECISION)
          ELSE CAST(0.0 AS DOUBLE PRECISION)
        END
      )
    END AS "x28",
    CASE
      WHEN (
        CASE
          WHEN NOT (
            "p13" IS NULL
          )
          THEN CAST(1.0 AS DOUBLE PRECISION)
          ELSE CAST(0.0 AS DOUBLE PRECISION)
        END + CASE
          WHEN NOT (
            "p14" IS NULL
          )
          THEN CAST(1.0 AS DOUBLE PRECISION)
          ELSE CAST(0.0 AS DOUBLE PRECISION)
        END + CASE
          WHEN NOT (
            "p15" IS NULL
          )
          THEN CAST(1.0 AS DOUBLE PRECISION)
          ELSE CAST(0.0 AS DOUBLE PRECISION)
        END
      ) > CAST(0.0 AS DOUBLE PRECISION)
      THEN CAST((
        COALESCE("p13", CAST(0.0 AS DOUBLE PRECISION)) + COALESCE("p14", CAST(0.0 AS DOUBLE PRECISION)) + COALESCE("p15", CAST(0.0 AS DOUBLE PRECISION))
      ) AS DOUBLE PRECISION) / (
        CASE
          WHEN NOT (
            "p13" IS NULL
          )
          THEN CAST(1.0 AS DOUBLE PRECISION)
          ELSE CAST(0.0 AS DOUBLE PRECISION)
        END + CASE
          WHEN NOT (
            "p14" IS NULL
          )
          THEN CAST(1.0 AS DOUBLE PRECISION)
          ELSE CAST(0.0 AS DOUBLE PRECISION)
        END + CASE
          WHEN NOT (
            "p15" IS NULL
          )
          THEN CAST(1.0 AS DOUBLE PRECISION)
          ELSE CAST(0.0 AS DOUBLE PRECISION)
        END
      )
    END AS "x31",
    CASE
      WHEN (
        CASE
          WHEN NOT (
            "p17" IS NULL
          )
          THEN CAST(1.0 AS DOUBLE PRECISION)
          ELSE CAST(0.0 AS DOUBLE PRECISION)
        END + CASE
          WHEN NOT (
            "p18" IS NULL
          )
          THEN CAST(1.0 AS DOUBLE PRECISION)
          ELSE CAST(0.0 AS DOUBLE PRECISION)
        END + CASE
          WHEN NOT (
            "p19" IS NULL
          )
          THEN CAST(1.0 AS DOUBLE PRECISION)
          ELSE CAST(0.0 AS DOUBLE PRECISION)
        END
      ) > CAST(0.0 AS DOUBLE PRECISION)
      THEN CAST((
        COALESCE("p17", CAST(0.0 AS DOUBLE PRECISION)) + COALESCE("p18", CAST(0.0 AS DOUBLE PRECISION)) + COALESCE("p19", CAST(0.0 AS DOUBLE PRECISION))
      ) AS DOUBLE PRECISION) / (
        CASE
          WHEN NOT (
            "p17" IS NULL
          )
          THEN CAST(1.0 AS DOUBLE PRECISION)
          ELSE CAST(0.0 AS DOUBLE PRECISION)
        END + CASE
          WHEN NOT (
            "p18" IS NULL
          )
          THEN CAST(1.0 AS DOUBLE PRECISION)
          ELSE CAST(0.0 AS DOUBLE PRECISION)
        END + CASE
          WHEN NOT (
            "p19" IS NULL
          )
          THEN CAST(1.0 AS DOUBLE PRECISION)
          ELSE CAST(0.0 AS DOUBLE PRECISION)
        END
      )
    END AS "x33",
    CASE
      WHEN (
        (
          NOT (
            "p21" IS NULL
          )
        )
        AND (
          NOT (
            "p22" IS NULL
          )
        )
        AND (
          NOT (
            "p23" IS NULL
          )
        )
      )
      THEN CASE
        WHEN (
          CASE
            WHEN NOT (
              "p21" IS NULL
            )
            THEN CAST(1.0 AS DOUBLE PRECISION)
            ELSE CAST(0.0 AS DOUBLE PRECISION)
          END + CASE
            WHEN NOT (
              "p22" IS NULL
            )
            THEN CAST(1.0 AS DOUBLE PRECISION)
            ELSE CAST(0.0 AS DOUBLE PRECISION)
          END + CASE
            WHEN NOT (
              "p23" IS NULL
            )
            THEN CAST(1.0 AS DOUBLE PRECISION)
            ELSE CAST(0.0 AS DOUBLE PRECISION)
          END
        ) > CAST(0.0 AS DOUBLE PRECISION)
        THEN CAST((
          COALESCE("p21", CAST(0.0 AS DOUBLE PRECISION)) + COALESCE("p22", CAST(0.0 AS DOUBLE PRECISION)) + COALESCE("p23", CAST(0.0 AS DOUBLE PRECISION))
        ) AS DOUBLE PRECISION) / (
          CASE
            WHEN NOT (
              "p21" IS NULL
            )
            THEN CAST(1.0 AS DOUBLE PRECISION)
            ELSE CAST(0.0 AS DOUBLE PRECISION)
          END + CASE
            WHEN NOT (
              "p22" IS NULL
            )
            THEN CAST(1.0 AS DOUBLE PRECISION)
            ELSE CAST(0.0 AS DOUBLE PRECISION)
          END + CASE
            WHEN NOT (
              "p23" IS NULL
            )
            THEN CAST(1.0 AS DOUBLE PRECISION)
            ELSE CAST(0.0 AS DOUBLE PRECISION)
          END
        )
      END
    END AS "x36",
    CASE "x44"
      WHEN CAST(0.0 AS DOUBLE PRECISION)
      THEN CAST(3.0 AS DOUBLE PRECISION)
      WHEN CAST(1.0 AS DOUBLE PRECISION)
      THEN CAST(2.0 AS DOUBLE PRECISION)
      WHEN CAST(2.0 AS DOUBLE PRECISION)
      THEN CAST(1.0 AS DOUBLE PRECISION)
      WHEN CAST(3.0 AS DOUBLE PRECISION)
      THEN CAST(0.0 AS DOUBLE PRECISION)
    END AS "x45",
    CASE
      WHEN (
        (
          "x38" * CAST(100.0 AS DOUBLE PRECISION)
        ) * CAST(1.0 AS DOUBLE PRECISION)
      ) >= CAST(0.0 AS DOUBLE PRECISION)
      THEN FLOOR(
        (
          (
            "x38" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
      )
      ELSE (
        -FLOOR(
          (
            (
              -(
                (
                  "x38" * CAST(100.0 AS DOUBLE PRECISION)
                ) * CAST(1.0 AS DOUBLE PRECISION)
              )
            )
          ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
        )
      )
    END / CAST(1.0 AS DOUBLE PRECISION) AS "r66",
    CASE
      WHEN (
        (
          "x37" * CAST(100.0 AS DOUBLE PRECISION)
        ) * CAST(1.0 AS DOUBLE PRECISION)
      ) >= CAST(0.0 AS DOUBLE PRECISION)
      THEN FLOOR(
        (
          (
            "x37" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
      )
      ELSE (
        -FLOOR(
          (
            (
              -(
                (
                  "x37" * CAST(100.0 AS DOUBLE PRECISION)
                ) * CAST(1.0 AS DOUBLE PRECISION)
              )
            )
          ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
        )
      )
    END / CAST(1.0 AS DOUBLE PRECISION) AS "r68",
    CASE
      WHEN (
        (
          "p1" * CAST(100.0 AS DOUBLE PRECISION)
        ) * CAST(1.0 AS DOUBLE PRECISION)
      ) >= CAST(0.0 AS DOUBLE PRECISION)
      THEN FLOOR(
        (
          (
            "p1" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
      )
      ELSE (
        -FLOOR(
          (
            (
              -(
                (
                  "p1" * CAST(100.0 AS DOUBLE PRECISION)
                ) * CAST(1.0 AS DOUBLE PRECISION)
              )
            )
          ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
        )
      )
    END AS "u74",
    CASE
      WHEN (
        (
          "p2" * CAST(100.0 AS DOUBLE PRECISION)
        ) * CAST(1.0 AS DOUBLE PRECISION)
      ) >= CAST(0.0 AS DOUBLE PRECISION)
      THEN FLOOR(
        (
          (
            "p2" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
      )
      ELSE (
        -FLOOR(
          (
            (
              -(
                (
                  "p2" * CAST(100.0 AS DOUBLE PRECISION)
                ) * CAST(1.0 AS DOUBLE PRECISION)
              )
            )
          ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
        )
      )
    END AS "u76",
    CASE
      WHEN (
        (
          "p3" * CAST(100.0 AS DOUBLE PRECISION)
        ) * CAST(1.0 AS DOUBLE PRECISION)
      ) >= CAST(0.0 AS DOUBLE PRECISION)
      THEN FLOOR(
        (
          (
            "p3" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
      )
      ELSE (
        -FLOOR(
          (
            (
              -(
                (
                  "p3" * CAST(100.0 AS DOUBLE PRECISION)
                ) * CAST(1.0 AS DOUBLE PRECISION)
              )
            )
          ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
        )
      )
    END AS "u78",
    CASE
      WHEN (
        (
          "p4" * CAST(100.0 AS DOUBLE PRECISION)
        ) * CAST(1.0 AS DOUBLE PRECISION)
      ) >= CAST(0.0 AS DOUBLE PRECISION)
      THEN FLOOR(
        (
          (
            "p4" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
      )
      ELSE (
        -FLOOR(
          (
            (
              -(
                (
                  "p4" * CAST(100.0 AS DOUBLE PRECISION)
                ) * CAST(1.0 AS DOUBLE PRECISION)
              )
            )
          ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
        )
      )
    END AS "u80",
    CASE
      WHEN (
        (
          "p5" * CAST(100.0 AS DOUBLE PRECISION)
        ) * CAST(1.0 AS DOUBLE PRECISION)
      ) >= CAST(0.0 AS DOUBLE PRECISION)
      THEN FLOOR(
        (
          (
            "p5" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
      )
      ELSE (
        -FLOOR(
          (
            (
              -(
                (
                  "p5" * CAST(100.0 AS DOUBLE PRECISION)
                ) * CAST(1.0 AS DOUBLE PRECISION)
              )
            )
          ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
        )
      )
    END AS "u84",
    CASE
      WHEN (
        (
          "p6" * CAST(100.0 AS DOUBLE PRECISION)
        ) * CAST(1.0 AS DOUBLE PRECISION)
      ) >= CAST(0.0 AS DOUBLE PRECISION)
      THEN FLOOR(
        (
          (
            "p6" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
      )
      ELSE (
        -FLOOR(
          (
            (
              -(
                (
                  "p6" * CAST(100.0 AS DOUBLE PRECISION)
                ) * CAST(1.0 AS DOUBLE PRECISION)
              )
            )
          ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
        )
      )
    END AS "u86",
    CASE
      WHEN (
        (
          "p7" * CAST(100.0 AS DOUBLE PRECISION)
        ) * CAST(1.0 AS DOUBLE PRECISION)
      ) >= CAST(0.0 AS DOUBLE PRECISION)
      THEN FLOOR(
        (
          (
            "p7" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
      )
      ELSE (
        -FLOOR(
          (
            (
              -(
                (
                  "p7" * CAST(100.0 AS DOUBLE PRECISION)
                ) * CAST(1.0 AS DOUBLE PRECISION)
              )
            )
          ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
        )
      )
    END AS "u88",
    CASE
      WHEN (
        (
          "p8" * CAST(100.0 AS DOUBLE PRECISION)
        ) * CAST(1.0 AS DOUBLE PRECISION)
      ) >= CAST(0.0 AS DOUBLE PRECISION)
      THEN FLOOR(
        (
          (
            "p8" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
      )
      ELSE (
        -FLOOR(
          (
            (
              -(
                (
                  "p8" * CAST(100.0 AS DOUBLE PRECISION)
                ) * CAST(1.0 AS DOUBLE PRECISION)
              )
            )
          ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
        )
      )
    END AS "u90",
    CASE
      WHEN (
        (
          "p9" * CAST(100.0 AS DOUBLE PRECISION)
        ) * CAST(1.0 AS DOUBLE PRECISION)
      ) >= CAST(0.0 AS DOUBLE PRECISION)
      THEN FLOOR(
        (
          (
            "p9" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
      )
      ELSE (
        -FLOOR(
          (
            (
              -(
                (
                  "p9" * CAST(100.0 AS DOUBLE PRECISION)
                ) * CAST(1.0 AS DOUBLE PRECISION)
              )
            )
          ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
        )
      )
    END AS "u92",
    CASE
      WHEN (
        (
          "p10" * CAST(100.0 AS DOUBLE PRECISION)
        ) * CAST(1.0 AS DOUBLE PRECISION)
      ) >= CAST(0.0 AS DOUBLE PRECISION)
      THEN FLOOR(
        (
          (
            "p10" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
      )
      ELSE (
        -FLOOR(
          (
            (
              -(
                (
                  "p10" * CAST(100.0 AS DOUBLE PRECISION)
                ) * CAST(1.0 AS DOUBLE PRECISION)
              )
            )
          ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
        )
      )
    END AS "u96",
    CASE
      WHEN (
        (
          "p11" * CAST(100.0 AS DOUBLE PRECISION)
        ) * CAST(1.0 AS DOUBLE PRECISION)
      ) >= CAST(0.0 AS DOUBLE PRECISION)
      THEN FLOOR(
        (
          (
            "p11" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
      )
      ELSE (
        -FLOOR(
          (
            (
              -(
                (
                  "p11" * CAST(100.0 AS DOUBLE PRECISION)
                ) * CAST(1.0 AS DOUBLE PRECISION)
              )
            )
          ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
        )
      )
    END AS "u98",
    CASE
      WHEN (
        (
          "p12" * CAST(100.0 AS DOUBLE PRECISION)
        ) * CAST(1.0 AS DOUBLE PRECISION)
      ) >= CAST(0.0 AS DOUBLE PRECISION)
      THEN FLOOR(
        (
          (
            "p12" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
      )
      ELSE (
        -FLOOR(
          (
            (
              -(
                (
                  "p12" * CAST(100.0 AS DOUBLE PRECISION)
                ) * CAST(1.0 AS DOUBLE PRECISION)
              )
            )
          ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
        )
      )
    END AS "u100",
    CASE
      WHEN (
        (
          "p13" * CAST(100.0 AS DOUBLE PRECISION)
        ) * CAST(1.0 AS DOUBLE PRECISION)
      ) >= CAST(0.0 AS DOUBLE PRECISION)
      THEN FLOOR(
        (
          (
            "p13" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
      )
      ELSE (
        -FLOOR(
          (
            (
              -(
                (
                  "p13" * CAST(100.0 AS DOUBLE PRECISION)
                ) * CAST(1.0 AS DOUBLE PRECISION)
              )
            )
          ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
        )
      )
    END AS "u106",
    CASE
      WHEN (
        (
          "p14" * CAST(100.0 AS DOUBLE PRECISION)
        ) * CAST(1.0 AS DOUBLE PRECISION)
      ) >= CAST(0.0 AS DOUBLE PRECISION)
      THEN FLOOR(
        (
          (
            "p14" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
      )
      ELSE (
        -FLOOR(
          (
            (
              -(
                (
                  "p14" * CAST(100.0 AS DOUBLE PRECISION)
                ) * CAST(1.0 AS DOUBLE PRECISION)
              )
            )
          ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
        )
      )
    END AS "u108",
    CASE
      WHEN (
        (
          "p15" * CAST(100.0 AS DOUBLE PRECISION)
        ) * CAST(1.0 AS DOUBLE PRECISION)
      ) >= CAST(0.0 AS DOUBLE PRECISION)
      THEN FLOOR(
        (
          (
            "p15" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
      )
      ELSE (
        -FLOOR(
          (
            (
              -(
                (
                  "p15" * CAST(100.0 AS DOUBLE PRECISION)
                ) * CAST(1.0 AS DOUBLE PRECISION)
              )
            )
          ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
        )
      )
    END AS "u110",
    CASE
      WHEN (
        (
          "p16" * CAST(100.0 AS DOUBLE PRECISION)
        ) * CAST(1.0 AS DOUBLE PRECISION)
      ) >= CAST(0.0 AS DOUBLE PRECISION)
      THEN FLOOR(
        (
          (
            "p16" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
      )
      ELSE (
        -FLOOR(
          (
            (
              -(
                (
                  "p16" * CAST(100.0 AS DOUBLE PRECISION)
                ) * CAST(1.0 AS DOUBLE PRECISION)
              )
            )
          ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
        )
      )
    END AS "u112",
    CASE
      WHEN (
        (
          "p17" * CAST(100.0 AS DOUBLE PRECISION)
        ) * CAST(1.0 AS DOUBLE PRECISION)
      ) >= CAST(0.0 AS DOUBLE PRECISION)
      THEN FLOOR(
        (
          (
            "p17" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
      )
      ELSE (
        -FLOOR(
          (
            (
              -(
                (
                  "p17" * CAST(100.0 AS DOUBLE PRECISION)
                ) * CAST(1.0 AS DOUBLE PRECISION)
              )
            )
          ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
        )
      )
    END AS "u116",
    CASE
      WHEN (
        (
          "p18" * CAST(100.0 AS DOUBLE PRECISION)
        ) * CAST(1.0 AS DOUBLE PRECISION)
      ) >= CAST(0.0 AS DOUBLE PRECISION)
      THEN FLOOR(
        (
          (
            "p18" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
      )
      ELSE (
        -FLOOR(
          (
            (
              -(
                (
                  "p18" * CAST(100.0 AS DOUBLE PRECISION)
                ) * CAST(1.0 AS DOUBLE PRECISION)
              )
            )
          ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
        )
      )
    END AS "u118",
    CASE
      WHEN (
        (
          "p19" * CAST(100.0 AS DOUBLE PRECISION)
        ) * CAST(1.0 AS DOUBLE PRECISION)
      ) >= CAST(0.0 AS DOUBLE PRECISION)
      THEN FLOOR(
        (
          (
            "p19" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
      )
      ELSE (
        -FLOOR(
          (
            (
              -(
                (
                  "p19" * CAST(100.0 AS DOUBLE PRECISION)
                ) * CAST(1.0 AS DOUBLE PRECISION)
              )
            )
          ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
        )
      )
    END AS "u120",
    CASE
      WHEN (
        (
          "p20" * CAST(100.0 AS DOUBLE PRECISION)
        ) * CAST(1.0 AS DOUBLE PRECISION)
      ) >= CAST(0.0 AS DOUBLE PRECISION)
      THEN FLOOR(
        (
          (
            "p20" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
      )
      ELSE (
        -FLOOR(
          (
            (
              -(
                (
                  "p20" * CAST(100.0 AS DOUBLE PRECISION)
                ) * CAST(1.0 AS DOUBLE PRECISION)
              )
            )
          ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
        )
      )
    END AS "u122",
    CASE
      WHEN (
        (
          "p21" * CAST(100.0 AS DOUBLE PRECISION)
        ) * CAST(1.0 AS DOUBLE PRECISION)
      ) >= CAST(0.0 AS DOUBLE PRECISION)
      THEN FLOOR(
        (
          (
            "p21" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
      )
      ELSE (
        -FLOOR(
          (
            (
              -(
                (
                  "p21" * CAST(100.0 AS DOUBLE PRECISION)
                ) * CAST(1.0 AS DOUBLE PRECISION)
              )
            )
          ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
        )
      )
    END AS "u126",
    CASE
      WHEN (
        (
          "p22" * CAST(100.0 AS DOUBLE PRECISION)
        ) * CAST(1.0 AS DOUBLE PRECISION)
      ) >= CAST(0.0 AS DOUBLE PRECISION)
      THEN FLOOR(
        (
          (
            "p22" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
      )
      ELSE (
        -FLOOR(
          (
            (
              -(
                (
                  "p22" * CAST(100.0 AS DOUBLE PRECISION)
                ) * CAST(1.0 AS DOUBLE PRECISION)
              )
            )
          ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
        )
      )
    END AS "u128",
    CASE
      WHEN (
        (
          "p23" * CAST(100.0 AS DOUBLE PRECISION)
        ) * CAST(1.0 AS DOUBLE PRECISION)
      ) >= CAST(0.0 AS DOUBLE PRECISION)
      THEN FLOOR(
        (
          (
            "p23" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
      )
      ELSE (
        -FLOOR(
          (
            (
              -(
                (
                  "p23" * CAST(100.0 AS DOUBLE PRECISION)
                ) * CAST(1.0 AS DOUBLE PRECISION)
              )
            )
          ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
        )
      )
    END AS "u130",
    CASE
      WHEN (
        (
          "x37" * CAST(100.0 AS DOUBLE PRECISION)
        ) * CAST(1.0 AS DOUBLE PRECISION)
      ) >= CAST(0.0 AS DOUBLE PRECISION)
      THEN FLOOR(
        (
          (
            "x37" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
      )
      ELSE (
        -FLOOR(
          (
            (
              -(
                (
                  "x37" * CAST(100.0 AS DOUBLE PRECISION)
                ) * CAST(1.0 AS DOUBLE PRECISION)
              )
            )
          ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
        )
      )
    END AS "u132",
    CASE
      WHEN (
        (
          "x38" * CAST(100.0 AS DOUBLE PRECISION)
        ) * CAST(1.0 AS DOUBLE PRECISION)
      ) >= CAST(0.0 AS DOUBLE PRECISION)
      THEN FLOOR(
        (
          (
            "x38" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
      )
      ELSE (
        -FLOOR(
          (
            (
              -(
                (
                  "x38" * CAST(100.0 AS DOUBLE PRECISION)
                ) * CAST(1.0 AS DOUBLE PRECISION)
              )
            )
          ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
        )
      )
    END AS "u134"
  FROM "level_1"
), "level_3" AS MATERIALIZED (
  SELECT
    *,
    CASE
      WHEN (
        CASE
          WHEN NOT (
            "x24" IS NULL
          )
          THEN CAST(0.8 AS DOUBLE PRECISION)
          ELSE CAST(0.0 AS DOUBLE PRECISION)
        END + CASE
          WHEN NOT (
            "p4" IS NULL
          )
          THEN CAST(0.2 AS DOUBLE PRECISION)
          ELSE CAST(0.0 AS DOUBLE PRECISION)
        END
      ) > CAST(0.0 AS DOUBLE PRECISION)
      THEN CAST((
        (
          COALESCE("x24", CAST(0.0 AS DOUBLE PRECISION)) * CAST(0.8 AS DOUBLE PRECISION)
        ) + (
          COALESCE("p4", CAST(0.0 AS DOUBLE PRECISION)) * CAST(0.2 AS DOUBLE PRECISION)
        )
      ) AS DOUBLE PRECISION) / (
        CASE
          WHEN NOT (
            "x24" IS NULL
          )
          THEN CAST(0.8 AS DOUBLE PRECISION)
          ELSE CAST(0.0 AS DOUBLE PRECISION)
        END + CASE
          WHEN NOT (
            "p4" IS NULL
          )
          THEN CAST(0.2 AS DOUBLE PRECISION)
          ELSE CAST(0.0 AS DOUBLE PRECISION)
        END
      )
    END AS "x25",
    CASE
      WHEN (
        CASE
          WHEN NOT (
            "x26" IS NULL
          )
          THEN CAST(0.8 AS DOUBLE PRECISION)
          ELSE CAST(0.0 AS DOUBLE PRECISION)
        END + CASE
          WHEN NOT (
            "p9" IS NULL
          )
          THEN CAST(0.2 AS DOUBLE PRECISION)
          ELSE CAST(0.0 AS DOUBLE PRECISION)
        END
      ) > CAST(0.0 AS DOUBLE PRECISION)
      THEN CAST((
        (
          COALESCE("x26", CAST(0.0 AS DOUBLE PRECISION)) * CAST(0.8 AS DOUBLE PRECISION)
        ) + (
          COALESCE("p9", CAST(0.0 AS DOUBLE PRECISION)) * CAST(0.2 AS DOUBLE PRECISION)
        )
      ) AS DOUBLE PRECISION) / (
        CASE
          WHEN NOT (
            "x26" IS NULL
          )
          THEN CAST(0.8 AS DOUBLE PRECISION)
          ELSE CAST(0.0 AS DOUBLE PRECISION)
        END + CASE
          WHEN NOT (
            "p9" IS NULL
          )
          THEN CAST(0.2 AS DOUBLE PRECISION)
          ELSE CAST(0.0 AS DOUBLE PRECISION)
        END
      )
    END AS "x27",
    CASE
      WHEN (
        CASE
          WHEN NOT (
            "x28" IS NULL
          )
          THEN CAST(0.8 AS DOUBLE PRECISION)
          ELSE CAST(0.0 AS DOUBLE PRECISION)
        END + CASE
          WHEN NOT (
            "p12" IS NULL
          )
          THEN CAST(0.2 AS DOUBLE PRECISION)
          ELSE CAST(0.0 AS DOUBLE PRECISION)
        END
      ) > CAST(0.0 AS DOUBLE PRECISION)
      THEN CAST((
        (
          COALESCE("x28", CAST(0.0 AS DOUBLE PRECISION)) * CAST(0.8 AS DOUBLE PRECISION)
        ) + (
          COALESCE("p12", CAST(0.0 AS DOUBLE PRECISION)) * CAST(0.2 AS DOUBLE PRECISION)
        )
      ) AS DOUBLE PRECISION) / (
        CASE
          WHEN NOT (
            "x28" IS NULL
          )
          THEN CAST(0.8 AS DOUBLE PRECISION)
          ELSE CAST(0.0 AS DOUBLE PRECISION)
        END + CASE
          WHEN NOT (
            "p12" IS NULL
          )
          THEN CAST(0.2 AS DOUBLE PRECISION)
          ELSE CAST(0.0 AS DOUBLE PRECISION)
        END
      )
    END AS "x29",
    CASE
      WHEN (
        CASE
          WHEN NOT (
            "x31" IS NULL
          )
          THEN CAST(0.8 AS DOUBLE PRECISION)
          ELSE CAST(0.0 AS DOUBLE PRECISION)
        END + CASE
          WHEN NOT (
            "p16" IS NULL
          )
          THEN CAST(0.2 AS DOUBLE PRECISION)
          ELSE CAST(0.0 AS DOUBLE PRECISION)
        END
      ) > CAST(0.0 AS DOUBLE PRECISION)
      THEN CAST((
        (
          COALESCE("x31", CAST(0.0 AS DOUBLE PRECISION)) * CAST(0.8 AS DOUBLE PRECISION)
        ) + (
          COALESCE("p16", CAST(0.0 AS DOUBLE PRECISION)) * CAST(0.2 AS DOUBLE PRECISION)
        )
      ) AS DOUBLE PRECISION) / (
        CASE
          WHEN NOT (
            "x31" IS NULL
          )
          THEN CAST(0.8 AS DOUBLE PRECISION)
          ELSE CAST(0.0 AS DOUBLE PRECISION)
        END + CASE
          WHEN NOT (
            "p16" IS NULL
          )
          THEN CAST(0.2 AS DOUBLE PRECISION)
          ELSE CAST(0.0 AS DOUBLE PRECISION)
        END
      )
    END AS "x32",
    CASE
      WHEN (
        CASE
          WHEN NOT (
            "x33" IS NULL
          )
          THEN CAST(0.8 AS DOUBLE PRECISION)
          ELSE CAST(0.0 AS DOUBLE PRECISION)
        END + CASE
          WHEN NOT (
            "p20" IS NULL
          )
          THEN CAST(0.2 AS DOUBLE PRECISION)
          ELSE CAST(0.0 AS DOUBLE PRECISION)
        END
      ) > CAST(0.0 AS DOUBLE PRECISION)
      THEN CAST((
        (
          COALESCE("x33", CAST(0.0 AS DOUBLE PRECISION)) * CAST(0.8 AS DOUBLE PRECISION)
        ) + (
          COALESCE("p20", CAST(0.0 AS DOUBLE PRECISION)) * CAST(0.2 AS DOUBLE PRECISION)
        )
      ) AS DOUBLE PRECISION) / (
        CASE
          WHEN NOT (
            "x33" IS NULL
          )
          THEN CAST(0.8 AS DOUBLE PRECISION)
          ELSE CAST(0.0 AS DOUBLE PRECISION)
        END + CASE
          WHEN NOT (
            "p20" IS NULL
          )
          THEN CAST(0.2 AS DOUBLE PRECISION)
          ELSE CAST(0.0 AS DOUBLE PRECISION)
        END
      )
    END AS "x34",
    CASE
      WHEN (
        (
          "x36" * CAST(100.0 AS DOUBLE PRECISION)
        ) * CAST(1.0 AS DOUBLE PRECISION)
      ) >= CAST(0.0 AS DOUBLE PRECISION)
      THEN FLOOR(
        (
          (
            "x36" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
      )
      ELSE (
        -FLOOR(
          (
            (
              -(
                (
                  "x36" * CAST(100.0 AS DOUBLE PRECISION)
                ) * CAST(1.0 AS DOUBLE PRECISION)
              )
            )
          ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
        )
      )
    END / CAST(1.0 AS DOUBLE PRECISION) AS "r64",
    CASE
      WHEN "r66" IS NULL
      THEN NULL
      WHEN (
        "r66" >= CAST(80.0 AS DOUBLE PRECISION)
      )
      THEN CAST(0.0 AS DOUBLE PRECISION)
      WHEN (
        (
          "r66" >= CAST(65.0 AS DOUBLE PRECISION)
        )
        AND (
          "r66" < CAST(80.0 AS DOUBLE PRECISION)
        )
      )
      THEN CAST(1.0 AS DOUBLE PRECISION)
      WHEN (
        (
          "r66" >= CAST(50.0 AS DOUBLE PRECISION)
        )
        AND (
          "r66" < CAST(65.0 AS DOUBLE PRECISION)
        )
      )
      THEN CAST(2.0 AS DOUBLE PRECISION)
      ELSE CAST(3.0 AS DOUBLE PRECISION)
    END AS "x67",
    CASE
      WHEN "r68" IS NULL
      THEN NULL
      WHEN (
        "r68" >= CAST(80.0 AS DOUBLE PRECISION)
      )
      THEN CAST(0.0 AS DOUBLE PRECISION)
      WHEN (
        (
          "r68" >= CAST(65.0 AS DOUBLE PRECISION)
        )
        AND (
          "r68" < CAST(80.0 AS DOUBLE PRECISION)
        )
      )
      THEN CAST(1.0 AS DOUBLE PRECISION)
      WHEN (
        (
          "r68" >= CAST(50.0 AS DOUBLE PRECISION)
        )
        AND (
          "r68" < CAST(65.0 AS DOUBLE PRECISION)
        )
      )
      THEN CAST(2.0 AS DOUBLE PRECISION)
      ELSE CAST(3.0 AS DOUBLE PRECISION)
    END AS "x69",
    CASE
      WHEN (
        "u74" < CAST(0.0 AS DOUBLE PRECISION)
      )
      OR (
        (
          (
            "p1" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) < CAST(0.0 AS DOUBLE PRECISION)
      )
      THEN 1
      ELSE 0
    END AS "u75",
    CASE
      WHEN (
        "u76" < CAST(0.0 AS DOUBLE PRECISION)
      )
      OR (
        (
          (
            "p2" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) < CAST(0.0 AS DOUBLE PRECISION)
      )
      THEN 1
      ELSE 0
    END AS "u77",
    CASE
      WHEN (
        "u78" < CAST(0.0 AS DOUBLE PRECISION)
      )
      OR (
        (
          (
            "p3" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) < CAST(0.0 AS DOUBLE PRECISION)
      )
      THEN 1
      ELSE 0
    END AS "u79",
    CASE
      WHEN (
        "u80" < CAST(0.0 AS DOUBLE PRECISION)
      )
      OR (
        (
          (
            "p4" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) < CAST(0.0 AS DOUBLE PRECISION)
      )
      THEN 1
      ELSE 0
    END AS "u81",
    CASE
      WHEN (
        "u84" < CAST(0.0 AS DOUBLE PRECISION)
      )
      OR (
        (
          (
            "p5" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) < CAST(0.0 AS DOUBLE PRECISION)
      )
      THEN 1
      ELSE 0
    END AS "u85",
    CASE
      WHEN (
        "u86" < CAST(0.0 AS DOUBLE PRECISION)
      )
      OR (
        (
          (
            "p6" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) < CAST(0.0 AS DOUBLE PRECISION)
      )
      THEN 1
      ELSE 0
    END AS "u87",
    CASE
      WHEN (
        "u88" < CAST(0.0 AS DOUBLE PRECISION)
      )
      OR (
        (
          (
            "p7" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) < CAST(0.0 AS DOUBLE PRECISION)
      )
      THEN 1
      ELSE 0
    END AS "u89",
    CASE
      WHEN (
        "u90" < CAST(0.0 AS DOUBLE PRECISION)
      )
      OR (
        (
          (
            "p8" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) < CAST(0.0 AS DOUBLE PRECISION)
      )
      THEN 1
      ELSE 0
    END AS "u91",
    CASE
      WHEN (
        "u92" < CAST(0.0 AS DOUBLE PRECISION)
      )
      OR (
        (
          (
            "p9" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) < CAST(0.0 AS DOUBLE PRECISION)
      )
      THEN 1
      ELSE 0
    END AS "u93",
    CASE
      WHEN (
        "u96" < CAST(0.0 AS DOUBLE PRECISION)
      )
      OR (
        (
          (
            "p10" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) < CAST(0.0 AS DOUBLE PRECISION)
      )
      THEN 1
      ELSE 0
    END AS "u97",
    CASE
      WHEN (
        "u98" < CAST(0.0 AS DOUBLE PRECISION)
      )
      OR (
        (
          (
            "p11" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) < CAST(0.0 AS DOUBLE PRECISION)
      )
      THEN 1
      ELSE 0
    END AS "u99",
    CASE
      WHEN (
        "u100" < CAST(0.0 AS DOUBLE PRECISION)
      )
      OR (
        (
          (
            "p12" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) < CAST(0.0 AS DOUBLE PRECISION)
      )
      THEN 1
      ELSE 0
    END AS "u101",
    CASE
      WHEN (
        "u106" < CAST(0.0 AS DOUBLE PRECISION)
      )
      OR (
        (
          (
            "p13" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) < CAST(0.0 AS DOUBLE PRECISION)
      )
      THEN 1
      ELSE 0
    END AS "u107",
    CASE
      WHEN (
        "u108" < CAST(0.0 AS DOUBLE PRECISION)
      )
      OR (
        (
          (
            "p14" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) < CAST(0.0 AS DOUBLE PRECISION)
      )
      THEN 1
      ELSE 0
    END AS "u109",
    CASE
      WHEN (
        "u110" < CAST(0.0 AS DOUBLE PRECISION)
      )
      OR (
        (
          (
            "p15" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) < CAST(0.0 AS DOUBLE PRECISION)
      )
      THEN 1
      ELSE 0
    END AS "u111",
    CASE
      WHEN (
        "u112" < CAST(0.0 AS DOUBLE PRECISION)
      )
      OR (
        (
          (
            "p16" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) < CAST(0.0 AS DOUBLE PRECISION)
      )
      THEN 1
      ELSE 0
    END AS "u113",
    CASE
      WHEN (
        "u116" < CAST(0.0 AS DOUBLE PRECISION)
      )
      OR (
        (
          (
            "p17" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) < CAST(0.0 AS DOUBLE PRECISION)
      )
      THEN 1
      ELSE 0
    END AS "u117",
    CASE
      WHEN (
        "u118" < CAST(0.0 AS DOUBLE PRECISION)
      )
      OR (
        (
          (
            "p18" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) < CAST(0.0 AS DOUBLE PRECISION)
      )
      THEN 1
      ELSE 0
    END AS "u119",
    CASE
      WHEN (
        "u120" < CAST(0.0 AS DOUBLE PRECISION)
      )
      OR (
        (
          (
            "p19" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) < CAST(0.0 AS DOUBLE PRECISION)
      )
      THEN 1
      ELSE 0
    END AS "u121",
    CASE
      WHEN (
        "u122" < CAST(0.0 AS DOUBLE PRECISION)
      )
      OR (
        (
          (
            "p20" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) < CAST(0.0 AS DOUBLE PRECISION)
      )
      THEN 1
      ELSE 0
    END AS "u123",
    CASE
      WHEN (
        (
          "x36" * CAST(100.0 AS DOUBLE PRECISION)
        ) * CAST(1.0 AS DOUBLE PRECISION)
      ) >= CAST(0.0 AS DOUBLE PRECISION)
      THEN FLOOR(
        (
          (
            "x36" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
      )
      ELSE (
        -FLOOR(
          (
            (
              -(
                (
                  "x36" * CAST(100.0 AS DOUBLE PRECISION)
                ) * CAST(1.0 AS DOUBLE PRECISION)
              )
            )
          ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
        )
      )
    END AS "u124",
    CASE
      WHEN (
        "u126" < CAST(0.0 AS DOUBLE PRECISION)
      )
      OR (
        (
          (
            "p21" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) < CAST(0.0 AS DOUBLE PRECISION)
      )
      THEN 1
      ELSE 0
    END AS "u127",
    CASE
      WHEN (
        "u128" < CAST(0.0 AS DOUBLE PRECISION)
      )
      OR (
        (
          (
            "p22" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) < CAST(0.0 AS DOUBLE PRECISION)
      )
      THEN 1
      ELSE 0
    END AS "u129",
    CASE
      WHEN (
        "u130" < CAST(0.0 AS DOUBLE PRECISION)
      )
      OR (
        (
          (
            "p23" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) < CAST(0.0 AS DOUBLE PRECISION)
      )
      THEN 1
      ELSE 0
    END AS "u131",
    CASE
      WHEN (
        "u132" < CAST(0.0 AS DOUBLE PRECISION)
      )
      OR (
        (
          (
            "x37" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) < CAST(0.0 AS DOUBLE PRECISION)
      )
      THEN 1
      ELSE 0
    END AS "u133",
    CASE
      WHEN (
        "u134" < CAST(0.0 AS DOUBLE PRECISION)
      )
      OR (
        (
          (
            "x38" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) < CAST(0.0 AS DOUBLE PRECISION)
      )
      THEN 1
      ELSE 0
    END AS "u135"
  FROM "level_2"
), "level_4" AS MATERIALIZED (
  SELECT
    *,
    CASE
      WHEN (
        (
          NOT (
            "x25" IS NULL
          )
        )
        AND (
          NOT (
            "x27" IS NULL
          )
        )
        AND (
          NOT (
            "x29" IS NULL
          )
        )
      )
      THEN CASE
        WHEN (
          CASE
            WHEN NOT (
              "x25" IS NULL
            )
            THEN CAST(1.0 AS DOUBLE PRECISION)
            ELSE CAST(0.0 AS DOUBLE PRECISION)
          END + CASE
            WHEN NOT (
              "x27" IS NULL
            )
            THEN CAST(1.0 AS DOUBLE PRECISION)
            ELSE CAST(0.0 AS DOUBLE PRECISION)
          END + CASE
            WHEN NOT (
              "x29" IS NULL
            )
            THEN CAST(1.0 AS DOUBLE PRECISION)
            ELSE CAST(0.0 AS DOUBLE PRECISION)
          END
        ) > CAST(0.0 AS DOUBLE PRECISION)
        THEN CAST((
          COALESCE("x25", CAST(0.0 AS DOUBLE PRECISION)) + COALESCE("x27", CAST(0.0 AS DOUBLE PRECISION)) + COALESCE("x29", CAST(0.0 AS DOUBLE PRECISION))
        ) AS DOUBLE PRECISION) / (
          CASE
            WHEN NOT (
              "x25" IS NULL
            )
            THEN CAST(1.0 AS DOUBLE PRECISION)
            ELSE CAST(0.0 AS DOUBLE PRECISION)
          END + CASE
            WHEN NOT (
              "x27" IS NULL
            )
            THEN CAST(1.0 AS DOUBLE PRECISION)
            ELSE CAST(0.0 AS DOUBLE PRECISION)
          END + CASE
            WHEN NOT (
              "x29" IS NULL
            )
            THEN CAST(1.0 AS DOUBLE PRECISION)
            ELSE CAST(0.0 AS DOUBLE PRECISION)
          END
        )
      END
    END AS "x30",
    CASE
      WHEN (
        (
          NOT (
            "x32" IS NULL
          )
        ) AND (
          NOT (
            "x34" IS NULL
          )
        )
      )
      THEN CASE
        WHEN (
          CASE
            WHEN NOT (
              "x32" IS NULL
            )
            THEN CAST(1.0 AS DOUBLE PRECISION)
            ELSE CAST(0.0 AS DOUBLE PRECISION)
          END + CASE
            WHEN NOT (
              "x34" IS NULL
            )
            THEN CAST(1.0 AS DOUBLE PRECISION)
            ELSE CAST(0.0 AS DOUBLE PRECISION)
          END
        ) > CAST(0.0 AS DOUBLE PRECISION)
        THEN CAST((
          COALESCE("x32", CAST(0.0 AS DOUBLE PRECISION)) + COALESCE("x34", CAST(0.0 AS DOUBLE PRECISION))
        ) AS DOUBLE PRECISION) / (
          CASE
            WHEN NOT (
              "x32" IS NULL
            )
            THEN CAST(1.0 AS DOUBLE PRECISION)
            ELSE CAST(0.0 AS DOUBLE PRECISION)
          END + CASE
            WHEN NOT (
              "x34" IS NULL
            )
            THEN CAST(1.0 AS DOUBLE PRECISION)
            ELSE CAST(0.0 AS DOUBLE PRECISION)
          END
        )
      END
    END AS "x35",
    CASE
      WHEN (
        (
          "x25" * CAST(100.0 AS DOUBLE PRECISION)
        ) * CAST(1.0 AS DOUBLE PRECISION)
      ) >= CAST(0.0 AS DOUBLE PRECISION)
      THEN FLOOR(
        (
          (
            "x25" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
      )
      ELSE (
        -FLOOR(
          (
            (
              -(
                (
                  "x25" * CAST(100.0 AS DOUBLE PRECISION)
                ) * CAST(1.0 AS DOUBLE PRECISION)
              )
            )
          ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
        )
      )
    END / CAST(1.0 AS DOUBLE PRECISION) AS "r50",
    CASE
      WHEN (
        (
          "x27" * CAST(100.0 AS DOUBLE PRECISION)
        ) * CAST(1.0 AS DOUBLE PRECISION)
      ) >= CAST(0.0 AS DOUBLE PRECISION)
      THEN FLOOR(
        (
          (
            "x27" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
      )
      ELSE (
        -FLOOR(
          (
            (
              -(
                (
                  "x27" * CAST(100.0 AS DOUBLE PRECISION)
                ) * CAST(1.0 AS DOUBLE PRECISION)
              )
            )
          ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
        )
      )
    END / CAST(1.0 AS DOUBLE PRECISION) AS "r52",
    CASE
      WHEN (
        (
          "x29" * CAST(100.0 AS DOUBLE PRECISION)
        ) * CAST(1.0 AS DOUBLE PRECISION)
      ) >= CAST(0.0 AS DOUBLE PRECISION)
      THEN FLOOR(
        (
          (
            "x29" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
      )
      ELSE (
        -FLOOR(
          (
            (
              -(
                (
                  "x29" * CAST(100.0 AS DOUBLE PRECISION)
                ) * CAST(1.0 AS DOUBLE PRECISION)
              )
            )
          ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
        )
      )
    END / CAST(1.0 AS DOUBLE PRECISION) AS "r54",
    CASE
      WHEN (
        (
          "x32" * CAST(100.0 AS DOUBLE PRECISION)
        ) * CAST(1.0 AS DOUBLE PRECISION)
      ) >= CAST(0.0 AS DOUBLE PRECISION)
      THEN FLOOR(
        (
          (
            "x32" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
      )
      ELSE (
        -FLOOR(
          (
            (
              -(
                (
                  "x32" * CAST(100.0 AS DOUBLE PRECISION)
                ) * CAST(1.0 AS DOUBLE PRECISION)
              )
            )
          ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
        )
      )
    END / CAST(1.0 AS DOUBLE PRECISION) AS "r56",
    CASE
      WHEN (
        (
          "x34" * CAST(100.0 AS DOUBLE PRECISION)
        ) * CAST(1.0 AS DOUBLE PRECISION)
      ) >= CAST(0.0 AS DOUBLE PRECISION)
      THEN FLOOR(
        (
          (
            "x34" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
      )
      ELSE (
        -FLOOR(
          (
            (
              -(
                (
                  "x34" * CAST(100.0 AS DOUBLE PRECISION)
                ) * CAST(1.0 AS DOUBLE PRECISION)
              )
            )
          ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
        )
      )
    END / CAST(1.0 AS DOUBLE PRECISION) AS "r58",
    CASE
      WHEN "r64" IS NULL
      THEN NULL
      WHEN (
        "r64" >= CAST(80.0 AS DOUBLE PRECISION)
      )
      THEN CAST(0.0 AS DOUBLE PRECISION)
      WHEN (
        (
          "r64" >= CAST(65.0 AS DOUBLE PRECISION)
        )
        AND (
          "r64" < CAST(80.0 AS DOUBLE PRECISION)
        )
      )
      THEN CAST(1.0 AS DOUBLE PRECISION)
      WHEN (
        (
          "r64" >= CAST(50.0 AS DOUBLE PRECISION)
        )
        AND (
          "r64" < CAST(65.0 AS DOUBLE PRECISION)
        )
      )
      THEN CAST(2.0 AS DOUBLE PRECISION)
      ELSE CAST(3.0 AS DOUBLE PRECISION)
    END AS "x65",
    CASE
      WHEN (
        (
          "x25" * CAST(100.0 AS DOUBLE PRECISION)
        ) * CAST(1.0 AS DOUBLE PRECISION)
      ) >= CAST(0.0 AS DOUBLE PRECISION)
      THEN FLOOR(
        (
          (
            "x25" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
      )
      ELSE (
        -FLOOR(
          (
            (
              -(
                (
                  "x25" * CAST(100.0 AS DOUBLE PRECISION)
                ) * CAST(1.0 AS DOUBLE PRECISION)
              )
            )
          ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
        )
      )
    END AS "u72",
    CASE
      WHEN (
        (
          "x27" * CAST(100.0 AS DOUBLE PRECISION)
        ) * CAST(1.0 AS DOUBLE PRECISION)
      ) >= CAST(0.0 AS DOUBLE PRECISION)
      THEN FLOOR(
        (
          (
            "x27" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
      )
      ELSE (
        -FLOOR(
          (
            (
              -(
                (
                  "x27" * CAST(100.0 AS DOUBLE PRECISION)
                ) * CAST(1.0 AS DOUBLE PRECISION)
              )
            )
          ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
        )
      )
    END AS "u82",
    CASE
      WHEN (
        (
          "x29" * CAST(100.0 AS DOUBLE PRECISION)
        ) * CAST(1.0 AS DOUBLE PRECISION)
      ) >= CAST(0.0 AS DOUBLE PRECISION)
      THEN FLOOR(
        (
          (
            "x29" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
      )
      ELSE (
        -FLOOR(
          (
            (
              -(
                (
                  "x29" * CAST(100.0 AS DOUBLE PRECISION)
                ) * CAST(1.0 AS DOUBLE PRECISION)
              )
            )
          ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
        )
      )
    END AS "u94",
    CASE
      WHEN (
        (
          "x32" * CAST(100.0 AS DOUBLE PRECISION)
        ) * CAST(1.0 AS DOUBLE PRECISION)
      ) >= CAST(0.0 AS DOUBLE PRECISION)
      THEN FLOOR(
        (
          (
            "x32" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
      )
      ELSE (
        -FLOOR(
          (
            (
              -(
                (
                  "x32" * CAST(100.0 AS DOUBLE PRECISION)
                ) * CAST(1.0 AS DOUBLE PRECISION)
              )
            )
          ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
        )
      )
    END AS "u104",
    CASE
      WHEN (
        (
          "x34" * CAST(100.0 AS DOUBLE PRECISION)
        ) * CAST(1.0 AS DOUBLE PRECISION)
      ) >= CAST(0.0 AS DOUBLE PRECISION)
      THEN FLOOR(
        (
          (
            "x34" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
      )
      ELSE (
        -FLOOR(
          (
            (
              -(
                (
                  "x34" * CAST(100.0 AS DOUBLE PRECISION)
                ) * CAST(1.0 AS DOUBLE PRECISION)
              )
            )
          ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
        )
      )
    END AS "u114",
    CASE
      WHEN (
        "u124" < CAST(0.0 AS DOUBLE PRECISION)
      )
      OR (
        (
          (
            "x36" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) < CAST(0.0 AS DOUBLE PRECISION)
      )
      THEN 1
      ELSE 0
    END AS "u125"
  FROM "level_3"
), "level_5" AS MATERIALIZED (
  SELECT
    *,
    CASE
      WHEN (
        CASE
          WHEN NOT (
            "x30" IS NULL
          )
          THEN CAST(1.0 AS DOUBLE PRECISION)
          ELSE CAST(0.0 AS DOUBLE PRECISION)
        END + CASE
          WHEN NOT (
            "x35" IS NULL
          )
          THEN CAST(1.0 AS DOUBLE PRECISION)
          ELSE CAST(0.0 AS DOUBLE PRECISION)
        END + CASE
          WHEN NOT (
            "x36" IS NULL
          )
          THEN CAST(1.0 AS DOUBLE PRECISION)
          ELSE CAST(0.0 AS DOUBLE PRECISION)
        END
      ) > CAST(0.0 AS DOUBLE PRECISION)
      THEN CAST((
        COALESCE("x30", CAST(0.0 AS DOUBLE PRECISION)) + COALESCE("x35", CAST(0.0 AS DOUBLE PRECISION)) + COALESCE("x36", CAST(0.0 AS DOUBLE PRECISION))
      ) AS DOUBLE PRECISION) / (
        CASE
          WHEN NOT (
            "x30" IS NULL
          )
          THEN CAST(1.0 AS DOUBLE PRECISION)
          ELSE CAST(0.0 AS DOUBLE PRECISION)
        END + CASE
          WHEN NOT (
            "x35" IS NULL
          )
          THEN CAST(1.0 AS DOUBLE PRECISION)
          ELSE CAST(0.0 AS DOUBLE PRECISION)
        END + CASE
          WHEN NOT (
            "x36" IS NULL
          )
          THEN CAST(1.0 AS DOUBLE PRECISION)
          ELSE CAST(0.0 AS DOUBLE PRECISION)
        END
      )
    END AS "x39",
    CASE
      WHEN "r50" IS NULL
      THEN NULL
      WHEN (
        "r50" >= CAST(70.0 AS DOUBLE PRECISION)
      )
      THEN CAST(0.0 AS DOUBLE PRECISION)
      WHEN (
        (
          "r50" >= CAST(60.0 AS DOUBLE PRECISION)
        )
        AND (
          "r50" < CAST(70.0 AS DOUBLE PRECISION)
        )
      )
      THEN CAST(1.0 AS DOUBLE PRECISION)
      ELSE CAST(2.0 AS DOUBLE PRECISION)
    END AS "x51",
    CASE
      WHEN "r52" IS NULL
      THEN NULL
      WHEN (
        "r52" >= CAST(70.0 AS DOUBLE PRECISION)
      )
      THEN CAST(0.0 AS DOUBLE PRECISION)
      WHEN (
        (
          "r52" >= CAST(60.0 AS DOUBLE PRECISION)
        )
        AND (
          "r52" < CAST(70.0 AS DOUBLE PRECISION)
        )
      )
      THEN CAST(1.0 AS DOUBLE PRECISION)
      ELSE CAST(2.0 AS DOUBLE PRECISION)
    END AS "x53",
    CASE
      WHEN "r54" IS NULL
      THEN NULL
      WHEN (
        "r54" >= CAST(70.0 AS DOUBLE PRECISION)
      )
      THEN CAST(0.0 AS DOUBLE PRECISION)
      WHEN (
        (
          "r54" >= CAST(60.0 AS DOUBLE PRECISION)
        )
        AND (
          "r54" < CAST(70.0 AS DOUBLE PRECISION)
        )
      )
      THEN CAST(1.0 AS DOUBLE PRECISION)
      ELSE CAST(2.0 AS DOUBLE PRECISION)
    END AS "x55",
    CASE
      WHEN "r56" IS NULL
      THEN NULL
      WHEN (
        "r56" >= CAST(70.0 AS DOUBLE PRECISION)
      )
      THEN CAST(0.0 AS DOUBLE PRECISION)
      WHEN (
        (
          "r56" >= CAST(60.0 AS DOUBLE PRECISION)
        )
        AND (
          "r56" < CAST(70.0 AS DOUBLE PRECISION)
        )
      )
      THEN CAST(1.0 AS DOUBLE PRECISION)
      ELSE CAST(2.0 AS DOUBLE PRECISION)
    END AS "x57",
    CASE
      WHEN "r58" IS NULL
      THEN NULL
      WHEN (
        "r58" >= CAST(70.0 AS DOUBLE PRECISION)
      )
      THEN CAST(0.0 AS DOUBLE PRECISION)
      WHEN (
        (
          "r58" >= CAST(60.0 AS DOUBLE PRECISION)
        )
        AND (
          "r58" < CAST(70.0 AS DOUBLE PRECISION)
        )
      )
      THEN CAST(1.0 AS DOUBLE PRECISION)
      ELSE CAST(2.0 AS DOUBLE PRECISION)
    END AS "x59",
    CASE
      WHEN (
        (
          "x30" * CAST(100.0 AS DOUBLE PRECISION)
        ) * CAST(1.0 AS DOUBLE PRECISION)
      ) >= CAST(0.0 AS DOUBLE PRECISION)
      THEN FLOOR(
        (
          (
            "x30" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
      )
      ELSE (
        -FLOOR(
          (
            (
              -(
                (
                  "x30" * CAST(100.0 AS DOUBLE PRECISION)
                ) * CAST(1.0 AS DOUBLE PRECISION)
              )
            )
          ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
        )
      )
    END / CAST(1.0 AS DOUBLE PRECISION) AS "r60",
    CASE
      WHEN (
        (
          "x35" * CAST(100.0 AS DOUBLE PRECISION)
        ) * CAST(1.0 AS DOUBLE PRECISION)
      ) >= CAST(0.0 AS DOUBLE PRECISION)
      THEN FLOOR(
        (
          (
            "x35" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
      )
      ELSE (
        -FLOOR(
          (
            (
              -(
                (
                  "x35" * CAST(100.0 AS DOUBLE PRECISION)
                ) * CAST(1.0 AS DOUBLE PRECISION)
              )
            )
          ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
        )
      )
    END / CAST(1.0 AS DOUBLE PRECISION) AS "r62",
    CASE
      WHEN (
        (
          "x30" * CAST(100.0 AS DOUBLE PRECISION)
        ) * CAST(1.0 AS DOUBLE PRECISION)
      ) >= CAST(0.0 AS DOUBLE PRECISION)
      THEN FLOOR(
        (
          (
            "x30" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
      )
      ELSE (
        -FLOOR(
          (
            (
              -(
                (
                  "x30" * CAST(100.0 AS DOUBLE PRECISION)
                ) * CAST(1.0 AS DOUBLE PRECISION)
              )
            )
          ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
        )
      )
    END AS "u70",
    CASE
      WHEN (
        "u72" < CAST(0.0 AS DOUBLE PRECISION)
      )
      OR (
        (
          (
            "x25" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) < CAST(0.0 AS DOUBLE PRECISION)
      )
      THEN 1
      ELSE 0
    END AS "u73",
    CASE
      WHEN (
        "u82" < CAST(0.0 AS DOUBLE PRECISION)
      )
      OR (
        (
          (
            "x27" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) < CAST(0.0 AS DOUBLE PRECISION)
      )
      THEN 1
      ELSE 0
    END AS "u83",
    CASE
      WHEN (
        "u94" < CAST(0.0 AS DOUBLE PRECISION)
      )
      OR (
        (
          (
            "x29" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) < CAST(0.0 AS DOUBLE PRECISION)
      )
      THEN 1
      ELSE 0
    END AS "u95",
    CASE
      WHEN (
        (
          "x35" * CAST(100.0 AS DOUBLE PRECISION)
        ) * CAST(1.0 AS DOUBLE PRECISION)
      ) >= CAST(0.0 AS DOUBLE PRECISION)
      THEN FLOOR(
        (
          (
            "x35" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
      )
      ELSE (
        -FLOOR(
          (
            (
              -(
                (
                  "x35" * CAST(100.0 AS DOUBLE PRECISION)
                ) * CAST(1.0 AS DOUBLE PRECISION)
              )
            )
          ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
        )
      )
    END AS "u102",
    CASE
      WHEN (
        "u104" < CAST(0.0 AS DOUBLE PRECISION)
      )
      OR (
        (
          (
            "x32" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) < CAST(0.0 AS DOUBLE PRECISION)
      )
      THEN 1
      ELSE 0
    END AS "u105",
    CASE
      WHEN (
        "u114" < CAST(0.0 AS DOUBLE PRECISION)
      )
      OR (
        (
          (
            "x34" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) < CAST(0.0 AS DOUBLE PRECISION)
      )
      THEN 1
      ELSE 0
    END AS "u115"
  FROM "level_4"
), "level_6" AS MATERIALIZED (
  SELECT
    *,
    CASE
      WHEN (
        (
          "x39" * CAST(100.0 AS DOUBLE PRECISION)
        ) * CAST(1.0 AS DOUBLE PRECISION)
      ) >= CAST(0.0 AS DOUBLE PRECISION)
      THEN FLOOR(
        (
          (
            "x39" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
      )
      ELSE (
        -FLOOR(
          (
            (
              -(
                (
                  "x39" * CAST(100.0 AS DOUBLE PRECISION)
                ) * CAST(1.0 AS DOUBLE PRECISION)
              )
            )
          ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
        )
      )
    END / CAST(1.0 AS DOUBLE PRECISION) AS "r40",
    CASE
      WHEN "r60" IS NULL
      THEN NULL
      WHEN (
        "r60" >= CAST(80.0 AS DOUBLE PRECISION)
      )
      THEN CAST(0.0 AS DOUBLE PRECISION)
      WHEN (
        (
          "r60" >= CAST(65.0 AS DOUBLE PRECISION)
        )
        AND (
          "r60" < CAST(80.0 AS DOUBLE PRECISION)
        )
      )
      THEN CAST(1.0 AS DOUBLE PRECISION)
      WHEN (
        (
          "r60" >= CAST(50.0 AS DOUBLE PRECISION)
        )
        AND (
          "r60" < CAST(65.0 AS DOUBLE PRECISION)
        )
      )
      THEN CAST(2.0 AS DOUBLE PRECISION)
      ELSE CAST(3.0 AS DOUBLE PRECISION)
    END AS "x61",
    CASE
      WHEN "r62" IS NULL
      THEN NULL
      WHEN (
        "r62" >= CAST(80.0 AS DOUBLE PRECISION)
      )
      THEN CAST(0.0 AS DOUBLE PRECISION)
      WHEN (
        (
          "r62" >= CAST(65.0 AS DOUBLE PRECISION)
        )
        AND (
          "r62" < CAST(80.0 AS DOUBLE PRECISION)
        )
      )
      THEN CAST(1.0 AS DOUBLE PRECISION)
      WHEN (
        (
          "r62" >= CAST(50.0 AS DOUBLE PRECISION)
        )
        AND (
          "r62" < CAST(65.0 AS DOUBLE PRECISION)
        )
      )
      THEN CAST(2.0 AS DOUBLE PRECISION)
      ELSE CAST(3.0 AS DOUBLE PRECISION)
    END AS "x63",
    CASE
      WHEN (
        "u70" < CAST(0.0 AS DOUBLE PRECISION)
      )
      OR (
        (
          (
            "x30" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) < CAST(0.0 AS DOUBLE PRECISION)
      )
      THEN 1
      ELSE 0
    END AS "u71",
    CASE
      WHEN (
        "u102" < CAST(0.0 AS DOUBLE PRECISION)
      )
      OR (
        (
          (
            "x35" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) < CAST(0.0 AS DOUBLE PRECISION)
      )
      THEN 1
      ELSE 0
    END AS "u103",
    CASE
      WHEN (
        (
          "x39" * CAST(100.0 AS DOUBLE PRECISION)
        ) * CAST(1.0 AS DOUBLE PRECISION)
      ) >= CAST(0.0 AS DOUBLE PRECISION)
      THEN FLOOR(
        (
          (
            "x39" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
      )
      ELSE (
        -FLOOR(
          (
            (
              -(
                (
                  "x39" * CAST(100.0 AS DOUBLE PRECISION)
                ) * CAST(1.0 AS DOUBLE PRECISION)
              )
            )
          ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
        )
      )
    END AS "u136"
  FROM "level_5"
), "level_7" AS MATERIALIZED (
  SELECT
    *,
    CASE
      WHEN "r40" IS NULL
      THEN NULL
      WHEN (
        "r40" >= CAST(80.0 AS DOUBLE PRECISION)
      )
      THEN CAST(0.0 AS DOUBLE PRECISION)
      WHEN (
        (
          "r40" >= CAST(65.0 AS DOUBLE PRECISION)
        )
        AND (
          "r40" < CAST(80.0 AS DOUBLE PRECISION)
        )
      )
      THEN CAST(1.0 AS DOUBLE PRECISION)
      WHEN (
        (
          "r40" >= CAST(50.0 AS DOUBLE PRECISION)
        )
        AND (
          "r40" < CAST(65.0 AS DOUBLE PRECISION)
        )
      )
      THEN CAST(2.0 AS DOUBLE PRECISION)
      ELSE CAST(3.0 AS DOUBLE PRECISION)
    END AS "r41",
    CASE
      WHEN (
        "u136" < CAST(0.0 AS DOUBLE PRECISION)
      )
      OR (
        (
          (
            "x39" * CAST(100.0 AS DOUBLE PRECISION)
          ) * CAST(1.0 AS DOUBLE PRECISION)
        ) < CAST(0.0 AS DOUBLE PRECISION)
      )
      THEN 1
      ELSE 0
    END AS "u137"
  FROM "level_6"
), "level_8" AS MATERIALIZED (
  SELECT
    *,
    CASE "r41"
      WHEN CAST(0.0 AS DOUBLE PRECISION)
      THEN CAST(0.0 AS DOUBLE PRECISION)
      WHEN CAST(1.0 AS DOUBLE PRECISION)
      THEN CAST(1.0 AS DOUBLE PRECISION)
      WHEN CAST(2.0 AS DOUBLE PRECISION)
      THEN CAST(2.0 AS DOUBLE PRECISION)
      WHEN CAST(3.0 AS DOUBLE PRECISION)
      THEN CAST(3.0 AS DOUBLE PRECISION)
    END AS "x42"
  FROM "level_7"
), "level_9" AS MATERIALIZED (
  SELECT
    *,
    CASE "x42"
      WHEN CAST(0.0 AS DOUBLE PRECISION)
      THEN CAST(3.0 AS DOUBLE PRECISION)
      WHEN CAST(1.0 AS DOUBLE PRECISION)
      THEN CAST(2.0 AS DOUBLE PRECISION)
      WHEN CAST(2.0 AS DOUBLE PRECISION)
      THEN CAST(1.0 AS DOUBLE PRECISION)
      WHEN CAST(3.0 AS DOUBLE PRECISION)
      THEN CAST(0.0 AS DOUBLE PRECISION)
    END AS "x43"
  FROM "level_8"
), "level_10" AS MATERIALIZED (
  SELECT
    *,
    CASE
      WHEN (
        (
          NOT (
            "x43" IS NULL
          )
        ) AND (
          NOT (
            "x45" IS NULL
          )
        )
      )
      THEN CASE
        WHEN (
          (
            NOT (
              "x43" IS NULL
            )
          ) OR (
            NOT (
              "x45" IS NULL
            )
          )
        )
        THEN COALESCE("x43", CAST(0.0 AS DOUBLE PRECISION)) + COALESCE("x45", CAST(0.0 AS DOUBLE PRECISION))
      END
    END AS "x46"
  FROM "level_9"
), "level_11" AS MATERIALIZED (
  SELECT
    *,
    CASE
      WHEN (
        "x46" * CAST(1.0 AS DOUBLE PRECISION)
      ) >= CAST(0.0 AS DOUBLE PRECISION)
      THEN FLOOR(
        (
          "x46" * CAST(1.0 AS DOUBLE PRECISION)
        ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
      )
      ELSE (
        -FLOOR(
          (
            (
              -(
                "x46" * CAST(1.0 AS DOUBLE PRECISION)
              )
            )
          ) + CAST(0.5 AS DOUBLE PRECISION) + CAST(1e-09 AS DOUBLE PRECISION)
        )
      )
    END / CAST(1.0 AS DOUBLE PRECISION) AS "r47"
  FROM "level_10"
), "level_12" AS MATERIALIZED (
  SELECT
    *,
    CASE
      WHEN "r47" IS NULL
      THEN NULL
      WHEN (
        "r47" >= CAST(5.0 AS DOUBLE PRECISION)
      )
      THEN CAST(0.0 AS DOUBLE PRECISION)
      WHEN (
        (
          "r47" >= CAST(3.0 AS DOUBLE PRECISION)
        )
        AND (
          "r47" < CAST(5.0 AS DOUBLE PRECISION)
        )
      )
      THEN CAST(1.0 AS DOUBLE PRECISION)
      WHEN (
        (
          "r47" >= CAST(2.0 AS DOUBLE PRECISION)
        )
        AND (
          "r47" < CAST(3.0 AS DOUBLE PRECISION)
        )
      )
      THEN CAST(2.0 AS DOUBLE PRECISION)
      ELSE CAST(3.0 AS DOUBLE PRECISION)
    END AS "r48"
  FROM "level_11"
), "level_13" AS MATERIALIZED (
  SELECT
    *,
    CASE "r48"
      WHEN CAST(0.0 AS DOUBLE PRECISION)
      THEN CAST(0.0 AS DOUBLE PRECISION)
      WHEN CAST(1.0 AS DOUBLE PRECISION)
      THEN CAST(1.0 AS DOUBLE PRECISION)
      WHEN CAST(2.0 AS DOUBLE PRECISION)
      THEN CAST(2.0 AS DOUBLE PRECISION)
      WHEN CAST(3.0 AS DOUBLE PRECISION)
      THEN CAST(3.0 AS DOUBLE PRECISION)
    END AS "x49"
  FROM "level_12"
), "digits" AS MATERIALIZED (
  SELECT
    0 AS "digit"
  UNION ALL
  SELECT
    1 AS "digit"
  UNION ALL
  SELECT
    2 AS "digit"
  UNION ALL
  SELECT
    3 AS "digit"
  UNION ALL
  SELECT
    4 AS "digit"
  UNION ALL
  SELECT
    5 AS "digit"
  UNION ALL
  SELECT
    6 AS "digit"
  UNION ALL
  SELECT
    7 AS "digit"
  UNION ALL
  SELECT
    8 AS "digit"
  UNION ALL
  SELECT
    9 AS "digit"
), "outline" AS MATERIALIZED (
  SELECT
    (
      "d0"."digit" * 1
    ) + (
      "d1"."digit" * 10
    ) AS "position"
  FROM "digits" AS "d0"
  CROSS JOIN "digits" AS "d1"
  WHERE
    (
      (
        "d0"."digit" * 1
      ) + (
        "d1"."digit" * 10
      )
    ) < 35
)
SELECT
  "level_13"."inspection" AS "inspection",
  CASE "outline"."position"
    WHEN 0
    THEN '1'
    WHEN 1
    THEN '1.1'
    WHEN 2
    THEN '1.1a'
    WHEN 3
    THEN '1.1b'
    WHEN 4
    THEN '1.1c'
    WHEN 5
    THEN '1.1s'
    WHEN 6
    THEN '1.2'
    WHEN 7
    THEN '1.2a'
    WHEN 8
    THEN '1.2b'
    WHEN 9
    THEN '1.2c'
    WHEN 10
    THEN '1.2d'
    WHEN 11
    THEN '1.2s'
    WHEN 12
    THEN '1.3'
    WHEN 13
    THEN '1.3a'
    WHEN 14
    THEN '1.3b'
    WHEN 15
    THEN '1.3s'
    WHEN 16
    THEN '2'
    WHEN 17
    THEN '2.1'
    WHEN 18
    THEN '2.1a'
    WHEN 19
    THEN '2.1b'
    WHEN 20
    THEN '2.1c'
    WHEN 21
    THEN '2.1s'
    WHEN 22
    THEN '2.2'
    WHEN 23
    THEN '2.2a'
    WHEN 24
    THEN '2.2b'
    WHEN 25
    THEN '2.2c'
    WHEN 26
    THEN '2.2s'
    WHEN 27
    THEN '3'
    WHEN 28
    THEN '3a'
    WHEN 29
    THEN '3b'
    WHEN 30
    THEN '3c'
    WHEN 31
    THEN 'roh'
    WHEN 32
    THEN 'lor'
    WHEN 33
    THEN 'overall'
    WHEN 34
    THEN 'case_work'
  END AS "figure",
  CASE "outline"."position"
    WHEN 0
    THEN 'section'
    WHEN 1
    THEN 'criterion'
    WHEN 2
    THEN 'question'
    WHEN 3
    THEN 'question'
    WHEN 4
    THEN 'question'
    WHEN 5
    THEN 'question'
    WHEN 6
    THEN 'criterion'
    WHEN 7
    THEN 'question'
    WHEN 8
    THEN 'question'
    WHEN 9
    THEN 'question'
    WHEN 10
    THEN 'question'
    WHEN 11
    THEN 'question'
    WHEN 12
    THEN 'criterion'
    WHEN 13
    THEN 'question'
    WHEN 14
    THEN 'question'
    WHEN 15
    THEN 'question'
    WHEN 16
    THEN 'section'
    WHEN 17
    THEN 'criterion'
    WHEN 18
    THEN 'question'
    WHEN 19
    THEN 'question'
    WHEN 20
    THEN 'question'
    WHEN 21
    THEN 'question'
    WHEN 22
    THEN 'criterion'
    WHEN 23
    THEN 'question'
    WHEN 24
    THEN 'question'
    WHEN 25
    THEN 'question'
    WHEN 26
    THEN 'question'
    WHEN 27
    THEN 'section'
    WHEN 28
    THEN 'question'
    WHEN 29
    THEN 'question'
    WHEN 30
    THEN 'question'
    WHEN 31
    THEN 'thread'
    WHEN 32
    THEN 'thread'
    WHEN 33
    THEN 'rating'
    WHEN 34
    THEN 'score'
  END AS "kind",
  CASE "outline"."position"
    WHEN 0
    THEN "x30"
    WHEN 1
    THEN "x25"
    WHEN 2
    THEN "p1"
    WHEN 3
    THEN "p2"
    WHEN 4
    THEN "p3"
    WHEN 5
    THEN "p4"
    WHEN 6
    THEN "x27"
    WHEN 7
    THEN "p5"
    WHEN 8
    THEN "p6"
    WHEN 9
    THEN "p7"
    WHEN 10
    THEN "p8"
    WHEN 11
    THEN "p9"
    WHEN 12
    THEN "x29"
    WHEN 13
    THEN "p10"
    WHEN 14
    THEN "p11"
    WHEN 15
    THEN "p12"
    WHEN 16
    THEN "x35"
    WHEN 17
    THEN "x32"
    WHEN 18
    THEN "p13"
    WHEN 19
    THEN "p14"
    WHEN 20
    THEN "p15"
    WHEN 21
    THEN "p16"
    WHEN 22
    THEN "x34"
    WHEN 23
    THEN "p17"
    WHEN 24
    THEN "p18"
    WHEN 25
    THEN "p19"
    WHEN 26
    THEN "p20"
    WHEN 27
    THEN "x36"
    WHEN 28
    THEN "p21"
    WHEN 29
    THEN "p22"
    WHEN 30
    THEN "p23"
    WHEN 31
    THEN "x37"
    WHEN 32
    THEN "x38"
    WHEN 33
    THEN CASE "x49"
      WHEN CAST(0.0 AS DOUBLE PRECISION)
      THEN CAST(3.0 AS DOUBLE PRECISION)
      WHEN CAST(1.0 AS DOUBLE PRECISION)
      THEN CAST(2.0 AS DOUBLE PRECISION)
      WHEN CAST(2.0 AS DOUBLE PRECISION)
      THEN CAST(1.0 AS DOUBLE PRECISION)
      WHEN CAST(3.0 AS DOUBLE PRECISION)
      THEN CAST(0.0 AS DOUBLE PRECISION)
    END
    WHEN 34
    THEN "x39"
  END AS "value",
  CASE "outline"."position"
    WHEN 0
    THEN CASE
      WHEN "x30" IS NULL
      THEN 'n/a'
      ELSE CASE
        WHEN "u71" = 1
        THEN '-' || CAST(CAST(FLOOR(ABS("u70")) AS BIGINT) AS VARCHAR)
        ELSE CAST(CAST(FLOOR(ABS("u70")) AS BIGINT) AS VARCHAR)
      END || '%'
    END
    WHEN 1
    THEN CASE
      WHEN "x25" IS NULL
      THEN 'n/a'
      ELSE CASE
        WHEN "u73" = 1
        THEN '-' || CAST(CAST(FLOOR(ABS("u72")) AS BIGINT) AS VARCHAR)
        ELSE CAST(CAST(FLOOR(ABS("u72")) AS BIGINT) AS VARCHAR)
      END || '%'
    END
    WHEN 2
    THEN CASE
      WHEN "p1" IS NULL
      THEN 'n/a'
      ELSE CASE
        WHEN "u75" = 1
        THEN '-' || CAST(CAST(FLOOR(ABS("u74")) AS BIGINT) AS VARCHAR)
        ELSE CAST(CAST(FLOOR(ABS("u74")) AS BIGINT) AS VARCHAR)
      END || '%'
    END
    WHEN 3
    THEN CASE
      WHEN "p2" IS NULL
      THEN 'n/a'
      ELSE CASE
        WHEN "u77" = 1
        THEN '-' || CAST(CAST(FLOOR(ABS("u76")) AS BIGINT) AS VARCHAR)
        ELSE CAST(CAST(FLOOR(ABS("u76")) AS BIGINT) AS VARCHAR)
      END || '%'
    END
    WHEN 4
    THEN CASE
      WHEN "p3" IS NULL
      THEN 'n/a'
      ELSE CASE
        WHEN "u79" = 1
        THEN '-' || CAST(CAST(FLOOR(ABS("u78")) AS BIGINT) AS VARCHAR)
        ELSE CAST(CAST(FLOOR(ABS("u78")) AS BIGINT) AS VARCHAR)
      END || '%'
    END
    WHEN 5
    THEN CASE
      WHEN "p4" IS NULL
      THEN 'n/a'
      ELSE CASE
        WHEN "u81" = 1
        THEN '-' || CAST(CAST(FLOOR(ABS("u80")) AS BIGINT) AS VARCHAR)
        ELSE CAST(CAST(FLOOR(ABS("u80")) AS BIGINT) AS VARCHAR)
      END || '%'
    END
    WHEN 6
    THEN CASE
      WHEN "x27" IS NULL
      THEN 'n/a'
      ELSE CASE
        WHEN "u83" = 1
        THEN '-' || CAST(CAST(FLOOR(ABS("u82")) AS BIGINT) AS VARCHAR)
        ELSE CAST(CAST(FLOOR(ABS("u82")) AS BIGINT) AS VARCHAR)
      END || '%'
    END
    WHEN 7
    THEN CASE
      WHEN "p5" IS NULL
      THEN 'n/a'
      ELSE CASE
        WHEN "u85" = 1
        THEN '-' || CAST(CAST(FLOOR(ABS("u84")) AS BIGINT) AS VARCHAR)
        ELSE CAST(CAST(FLOOR(ABS("u84")) AS BIGINT) AS VARCHAR)
      END || '%'
    END
    WHEN 8
    THEN CASE
      WHEN "p6" IS NULL
      THEN 'n/a'
      ELSE CASE
        WHEN "u87" = 1
        THEN '-' || CAST(CAST(FLOOR(ABS("u86")) AS BIGINT) AS VARCHAR)
        ELSE CAST(CAST(FLOOR(ABS("u86")) AS BIGINT) AS VARCHAR)
      END || '%'
    END
    WHEN 9
    THEN CASE
      WHEN "p7" IS NULL
      THEN 'n/a'
      ELSE CASE
        WHEN "u89" = 1
        THEN '-' || CAST(CAST(FLOOR(ABS("u88")) AS BIGINT) AS VARCHAR)
        ELSE CAST(CAST(FLOOR(ABS("u88")) AS BIGINT) AS VARCHAR)
      END || '%'
    END
    WHEN 10
    THEN CASE
      WHEN "p8" IS NULL
      THEN 'n/a'
      ELSE CASE
        WHEN "u91" = 1
        THEN '-' || CAST(CAST(FLOOR(ABS("u90")) AS BIGINT) AS VARCHAR)
        ELSE CAST(CAST(FLOOR(ABS("u90")) AS BIGINT) AS VARCHAR)
      END || '%'
    END
    WHEN 11
    THEN CASE
      WHEN "p9" IS NULL
      THEN 'n/a'
      ELSE CASE
        WHEN "u93" = 1
        THEN '-' || CAST(CAST(FLOOR(ABS("u92")) AS BIGINT) AS VARCHAR)
        ELSE CAST(CAST(FLOOR(ABS("u92")) AS BIGINT) AS VARCHAR)
      END || '%'
    END
    WHEN 12
    THEN CASE
      WHEN "x29" IS NULL
      THEN 'n/a'
      ELSE CASE
        WHEN "u95" = 1
        THEN '-' || CAST(CAST(FLOOR(ABS("u94")) AS BIGINT) AS VARCHAR)
        ELSE CAST(CAST(FLOOR(ABS("u94")) AS BIGINT) AS VARCHAR)
      END || '%'
    END
    WHEN 13
    THEN CASE
      WHEN "p10" IS NULL
      THEN 'n/a'
      ELSE CASE
        WHEN "u97" = 1
        THEN '-' || CAST(CAST(FLOOR(ABS("u96")) AS BIGINT) AS VARCHAR)
        ELSE CAST(CAST(FLOOR(ABS("u96")) AS BIGINT) AS VARCHAR)
      END || '%'
    END
    WHEN 14
    THEN CASE
      WHEN "p11" IS NULL
      THEN 'n/a'
      ELSE CASE
        WHEN "u99" = 1
        THEN '-' || CAST(CAST(FLOOR(ABS("u98")) AS BIGINT) AS VARCHAR)
        ELSE CAST(CAST(FLOOR(ABS("u98")) AS BIGINT) AS VARCHAR)
      END || '%'
    END
    WHEN 15
    THEN CASE
      WHEN "p12" IS NULL
      THEN 'n/a'
      ELSE CASE
        WHEN "u101" = 1
        THEN '-' || CAST(CAST(FLOOR(ABS("u100")) AS BIGINT) AS VARCHAR)
        ELSE CAST(CAST(FLOOR(ABS("u100")) AS BIGINT) AS VARCHAR)
      END || '%'
    END
    WHEN 16
    THEN CASE
      WHEN "x35" IS NULL
      THEN 'n/a'
      ELSE CASE
        WHEN "u103" = 1
        THEN '-' || CAST(CAST(FLOOR(ABS("u102")) AS BIGINT) AS VARCHAR)
        ELSE CAST(CAST(FLOOR(ABS("u102")) AS BIGINT) AS VARCHAR)
      END || '%'
    END
    WHEN 17
    THEN CASE
      WHEN "x32" IS NULL
      THEN 'n/a'
      ELSE CASE
        WHEN "u105" = 1
        THEN '-' || CAST(CAST(FLOOR(ABS("u104")) AS BIGINT) AS VARCHAR)
        ELSE CAST(CAST(FLOOR(ABS("u104")) AS BIGINT) AS VARCHAR)
      END || '%'
    END
    WHEN 18
    THEN CASE
      WHEN "p13" IS NULL
      THEN 'n/a'
      ELSE CASE
        WHEN "u107" = 1
        THEN '-' || CAST(CAST(FLOOR(ABS("u106")) AS BIGINT) AS VARCHAR)
        ELSE CAST(CAST(FLOOR(ABS("u106")) AS BIGINT) AS VARCHAR)
      END || '%'
    END
    WHEN 19
    THEN CASE
      WHEN "p14" IS NULL
      THEN 'n/a'
      ELSE CASE
        WHEN "u109" = 1
        THEN '-' || CAST(CAST(FLOOR(ABS("u108")) AS BIGINT) AS VARCHAR)
        ELSE CAST(CAST(FLOOR(ABS("u108")) AS BIGINT) AS VARCHAR)
      END || '%'
    END
    WHEN 20
    THEN CASE
      WHEN "p15" IS NULL
      THEN 'n/a'
      ELSE CASE
        WHEN "u111" = 1
        THEN '-' || CAST(CAST(FLOOR(ABS("u110")) AS BIGINT) AS VARCHAR)
        ELSE CAST(CAST(FLOOR(ABS("u110")) AS BIGINT) AS VARCHAR)
      END || '%'
    END
    WHEN 21
    THEN CASE
      WHEN "p16" IS NULL
      THEN 'n/a'
      ELSE CASE
        WHEN "u113" = 1
        THEN '-' || CAST(CAST(FLOOR(ABS("u112")) AS BIGINT) AS VARCHAR)
        ELSE CAST(CAST(FLOOR(ABS("u112")) AS BIGINT) AS VARCHAR)
      END || '%'
    END
    WHEN 22
    THEN CASE
      WHEN "x34" IS NULL
      THEN 'n/a'
      ELSE CASE
        WHEN "u115" = 1
        THEN '-' || CAST(CAST(FLOOR(ABS("u114")) AS BIGINT) AS VARCHAR)
        ELSE CAST(CAST(FLOOR(ABS("u114")) AS BIGINT) AS VARCHAR)
      END || '%'
    END
    WHEN 23
    THEN CASE
      WHEN "p17" IS NULL
      THEN 'n/a'
      ELSE CASE
        WHEN "u117" = 1
        THEN '-' || CAST(CAST(FLOOR(ABS("u116")) AS BIGINT) AS VARCHAR)
        ELSE CAST(CAST(FLOOR(ABS("u116")) AS BIGINT) AS VARCHAR)
      END || '%'
    END
    WHEN 24
    THEN CASE
      WHEN "p18" IS NULL
      THEN 'n/a'
      ELSE CASE
        WHEN "u119" = 1
        THEN '-' || CAST(CAST(FLOOR(ABS("u118")) AS BIGINT) AS VARCHAR)
        ELSE CAST(CAST(FLOOR(ABS("u118")) AS BIGINT) AS VARCHAR)
      END || '%'
    END
    WHEN 25
    THEN CASE
      WHEN "p19" IS NULL
      THEN 'n/a'
      ELSE CASE
        WHEN "u121" = 1
        THEN '-' || CAST(CAST(FLOOR(ABS("u120")) AS BIGINT) AS VARCHAR)
        ELSE CAST(CAST(FLOOR(ABS("u120")) AS BIGINT) AS VARCHAR)
      END || '%'
    END
    WHEN 26
    THEN CASE
      WHEN "p20" IS NULL
      THEN 'n/a'
      ELSE CASE
        WHEN "u123" = 1
        THEN '-' || CAST(CAST(FLOOR(ABS("u122")) AS BIGINT) AS VARCHAR)
        ELSE CAST(CAST(FLOOR(ABS("u122")) AS BIGINT) AS VARCHAR)
      END || '%'
    END
    WHEN 27
    THEN CASE
      WHEN "x36" IS NULL
      THEN 'n/a'
      ELSE CASE
        WHEN "u125" = 1
        THEN '-' || CAST(CAST(FLOOR(ABS("u124")) AS BIGINT) AS VARCHAR)
        ELSE CAST(CAST(FLOOR(ABS("u124")) AS BIGINT) AS VARCHAR)
      END || '%'
    END
    WHEN 28
    THEN CASE
      WHEN "p21" IS NULL
      THEN 'n/a'
      ELSE CASE
        WHEN "u127" = 1
        THEN '-' || CAST(CAST(FLOOR(ABS("u126")) AS BIGINT) AS VARCHAR)
        ELSE CAST(CAST(FLOOR(ABS("u126")) AS BIGINT) AS VARCHAR)
      END || '%'
    END
    WHEN 29
    THEN CASE
      WHEN "p22" IS NULL
      THEN 'n/a'
      ELSE CASE
        WHEN "u129" = 1
        THEN '-' || CAST(CAST(FLOOR(ABS("u128")) AS BIGINT) AS VARCHAR)
        ELSE CAST(CAST(FLOOR(ABS("u128")) AS BIGINT) AS VARCHAR)
      END || '%'
    END
    WHEN 30
    THEN CASE
      WHEN "p23" IS NULL
      THEN 'n/a'
      ELSE CASE
        WHEN "u131" = 1
        THEN '-' || CAST(CAST(FLOOR(ABS("u130")) AS BIGINT) AS VARCHAR)
        ELSE CAST(CAST(FLOOR(ABS("u130")) AS BIGINT) AS VARCHAR)
      END || '%'
    END
    WHEN 31
    THEN CASE
      WHEN "x37" IS NULL
      THEN 'n/a'
      ELSE CASE
        WHEN "u133" = 1
        THEN '-' || CAST(CAST(FLOOR(ABS("u132")) AS BIGINT) AS VARCHAR)
        ELSE CAST(CAST(FLOOR(ABS("u132")) AS BIGINT) AS VARCHAR)
      END || '%'
    END
    WHEN 32
    THEN CASE
      WHEN "x38" IS NULL
      THEN 'n/a'
      ELSE CASE
        WHEN "u135" = 1
        THEN '-' || CAST(CAST(FLOOR(ABS("u134")) AS BIGINT) AS VARCHAR)
        ELSE CAST(CAST(FLOOR(ABS("u134")) AS BIGINT) AS VARCHAR)
      END || '%'
    END
    WHEN 33
    THEN CASE "x49"
      WHEN CAST(0.0 AS DOUBLE PRECISION)
      THEN 'Well met'
      WHEN CAST(1.0 AS DOUBLE PRECISION)
      THEN 'Satisfactorily met'
      WHEN CAST(2.0 AS DOUBLE PRECISION)
      THEN 'Partly met'
      WHEN CAST(3.0 AS DOUBLE PRECISION)
      THEN 'Not met'
      ELSE 'n/a'
    END
    WHEN 34
    THEN CASE
      WHEN "x39" IS NULL
      THEN 'n/a'
      ELSE CASE
        WHEN "u137" = 1
        THEN '-' || CAST(CAST(FLOOR(ABS("u136")) AS BIGINT) AS VARCHAR)
        ELSE CAST(CAST(FLOOR(ABS("u136")) AS BIGINT) AS VARCHAR)
      END || '%'
    END
  END AS "shown",
  CASE "outline"."position"
    WHEN 0
    THEN 'improvement: ' || CASE "x61"
      WHEN CAST(0.0 AS DOUBLE PRECISION)
      THEN 'MINIMUM improvement required'
      WHEN CAST(1.0 AS DOUBLE PRECISION)
      THEN 'MODERATE improvement required'
      WHEN CAST(2.0 AS DOUBLE PRECISION)
      THEN 'SUBSTANTIAL improvement required'
      WHEN CAST(3.0 AS DOUBLE PRECISION)
      THEN 'DRASTIC improvement required'
      ELSE 'n/a'
    END
    WHEN 1
    THEN 'conclusion: ' || CASE "x51"
      WHEN CAST(0.0 AS DOUBLE PRECISION)
      THEN 'Performance against this criterion was good.'
      WHEN CAST(1.0 AS DOUBLE PRECISION)
      THEN 'This criterion represents a priority for improvement.'
      WHEN CAST(2.0 AS DOUBLE PRECISION)
      THEN 'This criterion represents an urgent priority for improvement.'
      ELSE 'n/a'
    END
    WHEN 2
    THEN NULL
    WHEN 3
    THEN NULL
    WHEN 4
    THEN NULL
    WHEN 5
    THEN NULL
    WHEN 6
    THEN 'conclusion: ' || CASE "x53"
      WHEN CAST(0.0 AS DOUBLE PRECISION)
      THEN 'Performance against this criterion was good.'
      WHEN CAST(1.0 AS DOUBLE PRECISION)
      THEN 'This criterion represents a priority for improvement.'
      WHEN CAST(2.0 AS DOUBLE PRECISION)
      THEN 'This criterion represents an urgent priority for improvement.'
      ELSE 'n/a'
    END
    WHEN 7
    THEN NULL
    WHEN 8
    THEN NULL
    WHEN 9
    THEN NULL
    WHEN 10
    THEN NULL
    WHEN 11
    THEN NULL
    WHEN 12
    THEN 'conclusion: ' || CASE "x55"
      WHEN CAST(0.0 AS DOUBLE PRECISION)
      THEN 'Performance against this criterion was good.'
      WHEN CAST(1.0 AS DOUBLE PRECISION)
      THEN 'This criterion represents a priority for improvement.'
      WHEN CAST(2.0 AS DOUBLE PRECISION)
      THEN 'This criterion represents an urgent priority for improvement.'
      ELSE 'n/a'
    END
    WHEN 13
    THEN NULL
    WHEN 14
    THEN NULL
    WHEN 15
    THEN NULL
    WHEN 16
    THEN 'improvement: ' || CASE "x63"
      WHEN CAST(0.0 AS DOUBLE PRECISION)
      THEN 'MINIMUM improvement required'
      WHEN CAST(1.0 AS DOUBLE PRECISION)
      THEN 'MODERATE improvement required'
      WHEN CAST(2.0 AS DOUBLE PRECISION)
      THEN 'SUBSTANTIAL improvement required'
      WHEN CAST(3.0 AS DOUBLE PRECISION)
      THEN 'DRASTIC improvement required'
      ELSE 'n/a'
    END
    WHEN 17
    THEN 'conclusion: ' || CASE "x57"
      WHEN CAST(0.0 AS DOUBLE PRECISION)
      THEN 'Performance against this criterion was good.'
      WHEN CAST(1.0 AS DOUBLE PRECISION)
      THEN 'This criterion represents a priority for improvement.'
      WHEN CAST(2.0 AS DOUBLE PRECISION)
      THEN 'This criterion represents an urgent priority for improvement.'
      ELSE 'n/a'
    END
    WHEN 18
    THEN NULL
    WHEN 19
    THEN NULL
    WHEN 20
    THEN NULL
    WHEN 21
    THEN NULL
    WHEN 22
    THEN 'conclusion: ' || CASE "x59"
      WHEN CAST(0.0 AS DOUBLE PRECISION)
      THEN 'Performance against this criterion was good.'
      WHEN CAST(1.0 AS DOUBLE PRECISION)
      THEN 'This criterion represents a priority for improvement.'
      WHEN CAST(2.0 AS DOUBLE PRECISION)
      THEN 'This criterion represents an urgent priority for improvement.'
      ELSE 'n/a'
    END
    WHEN 23
    THEN NULL
    WHEN 24
    THEN NULL
    WHEN 25
    THEN NULL
    WHEN 26
    THEN NULL
    WHEN 27
    THEN 'improvement: ' || CASE "x65"
      WHEN CAST(0.0 AS DOUBLE PRECISION)
      THEN 'MINIMUM improvement required'
      WHEN CAST(1.0 AS DOUBLE PRECISION)
      THEN 'MODERATE improvement required'
      WHEN CAST(2.0 AS DOUBLE PRECISION)
      THEN 'SUBSTANTIAL improvement required'
      WHEN CAST(3.0 AS DOUBLE PRECISION)
      THEN 'DRASTIC improvement required'
      ELSE 'n/a'
    END
    WHEN 28
    THEN NULL
    WHEN 29
    THEN NULL
    WHEN 30
    THEN NULL
    WHEN 31
    THEN 'improvement: ' || CASE "x69"
      WHEN CAST(0.0 AS DOUBLE PRECISION)
      THEN 'MINIMUM improvement required'
      WHEN CAST(1.0 AS DOUBLE PRECISION)
      THEN 'MODERATE improvement required'
      WHEN CAST(2.0 AS DOUBLE PRECISION)
      THEN 'SUBSTANTIAL improvement required'
      WHEN CAST(3.0 AS DOUBLE PRECISION)
      THEN 'DRASTIC improvement required'
      ELSE 'n/a'
    END
    WHEN 32
    THEN 'improvement: ' || CASE "x67"
      WHEN CAST(0.0 AS DOUBLE PRECISION)
      THEN 'MINIMUM improvement required'
      WHEN CAST(1.0 AS DOUBLE PRECISION)
      THEN 'MODERATE improvement required'
      WHEN CAST(2.0 AS DOUBLE PRECISION)
      THEN 'SUBSTANTIAL improvement required'
      WHEN CAST(3.0 AS DOUBLE PRECISION)
      THEN 'DRASTIC improvement required'
      ELSE 'n/a'
    END
    WHEN 33
    THEN NULL
    WHEN 34
    THEN NULL
  END AS "bands",
  CASE "outline"."position"
    WHEN 0
    THEN CAST("k1" AS BIGINT)
    WHEN 1
    THEN CAST("k2" AS BIGINT)
    WHEN 2
    THEN CAST("d1" AS BIGINT)
    WHEN 3
    THEN CAST("d2" AS BIGINT)
    WHEN 4
    THEN CAST("d3" AS BIGINT)
    WHEN 5
    THEN CAST("d4" AS BIGINT)
    WHEN 6
    THEN CAST("k3" AS BIGINT)
    WHEN 7
    THEN CAST("d5" AS BIGINT)
    WHEN 8
    THEN CAST("d6" AS BIGINT)
    WHEN 9
    THEN CAST("d7" AS BIGINT)
    WHEN 10
    THEN CAST("d8" AS BIGINT)
    WHEN 11
    THEN CAST("d9" AS BIGINT)
    WHEN 12
    THEN CAST("k4" AS BIGINT)
    WHEN 13
    THEN CAST("d10" AS BIGINT)
    WHEN 14
    THEN CAST("d11" AS BIGINT)
    WHEN 15
    THEN CAST("d12" AS BIGINT)
    WHEN 16
    THEN CAST("k5" AS BIGINT)
    WHEN 17
    THEN CAST("k6" AS BIGINT)
    WHEN 18
    THEN CAST("d13" AS BIGINT)
    WHEN 19
    THEN CAST("d14" AS BIGINT)
    WHEN 20
    THEN CAST("d15" AS BIGINT)
    WHEN 21
    THEN CAST("d16" AS BIGINT)
    WHEN 22
    THEN CAST("k7" AS BIGINT)
    WHEN 23
    THEN CAST("d17" AS BIGINT)
    WHEN 24
    THEN CAST("d18" AS BIGINT)
    WHEN 25
    THEN CAST("d19" AS BIGINT)
    WHEN 26
    THEN CAST("d20" AS BIGINT)
    WHEN 27
    THEN CAST("k8" AS BIGINT)
    WHEN 28
    THEN CAST("d21" AS BIGINT)
    WHEN 29
    THEN CAST("d22" AS BIGINT)
    WHEN 30
    THEN CAST("d23" AS BIGINT)
    WHEN 31
    THEN CAST("k9" AS BIGINT)
    WHEN 32
    THEN CAST("k10" AS BIGINT)
    WHEN 33
    THEN CAST("k11" AS BIGINT)
    WHEN 34
    THEN CAST("k12" AS BIGINT)
  END AS "cases",
  CASE "outline"."position"
    WHEN 0
    THEN NULL
    WHEN 1
    THEN NULL
    WHEN 2
    THEN CAST("n1" AS BIGINT)
    WHEN 3
    THEN CAST("n2" AS BIGINT)
    WHEN 4
    THEN CAST("n3" AS BIGINT)
    WHEN 5
    THEN CAST("n4" AS BIGINT)
    WHEN 6
    THEN NULL
    WHEN 7
    THEN CAST("n5" AS BIGINT)
    WHEN 8
    THEN CAST("n6" AS BIGINT)
    WHEN 9
    THEN CAST("n7" AS BIGINT)
    WHEN 10
    THEN CAST("n8" AS BIGINT)
    WHEN 11
    THEN CAST("n9" AS BIGINT)
    WHEN 12
    THEN NULL
    WHEN 13
    THEN CAST("n10" AS BIGINT)
    WHEN 14
    THEN CAST("n11" AS BIGINT)
    WHEN 15
    THEN CAST("n12" AS BIGINT)
    WHEN 16
    THEN NULL
    WHEN 17
    THEN NULL
    WHEN 18
    THEN CAST("n13" AS BIGINT)
    WHEN 19
    THEN CAST("n14" AS BIGINT)
    WHEN 20
    THEN CAST("n15" AS BIGINT)
    WHEN 21
    THEN CAST("n16" AS BIGINT)
    WHEN 22
    THEN NULL
    WHEN 23
    THEN CAST("n17" AS BIGINT)
    WHEN 24
    THEN CAST("n18" AS BIGINT)
    WHEN 25
    THEN CAST("n19" AS BIGINT)
    WHEN 26
    THEN CAST("n20" AS BIGINT)
    WHEN 27
    THEN NULL
    WHEN 28
    THEN CAST("n21" AS BIGINT)
    WHEN 29
    THEN CAST("n22" AS BIGINT)
    WHEN 30
    THEN CAST("n23" AS BIGINT)
    WHEN 31
    THEN NULL
    WHEN 32
    THEN NULL
    WHEN 33
    THEN NULL
    WHEN 34
    THEN NULL
  END AS "numerator",
  CASE "outline"."position"
    WHEN 0
    THEN NULL
    WHEN 1
    THEN NULL
    WHEN 2
    THEN CAST("d1" AS BIGINT)
    WHEN 3
    THEN CAST("d2" AS BIGINT)
    WHEN 4
    THEN CAST("d3" AS BIGINT)
    WHEN 5
    THEN CAST("d4" AS BIGINT)
    WHEN 6
    THEN NULL
    WHEN 7
    THEN CAST("d5" AS BIGINT)
    WHEN 8
    THEN CAST("d6" AS BIGINT)
    WHEN 9
    THEN CAST("d7" AS BIGINT)
    WHEN 10
    THEN CAST("d8" AS BIGINT)
    WHEN 11
    THEN CAST("d9" AS BIGINT)
    WHEN 12
    THEN NULL
    WHEN 13
    THEN CAST("d10" AS BIGINT)
    WHEN 14
    THEN CAST("d11" AS BIGINT)
    WHEN 15
    THEN CAST("d12" AS BIGINT)
    WHEN 16
    THEN NULL
    WHEN 17
    THEN NULL
    WHEN 18
    THEN CAST("d13" AS BIGINT)
    WHEN 19
    THEN CAST("d14" AS BIGINT)
    WHEN 20
    THEN CAST("d15" AS BIGINT)
    WHEN 21
    THEN CAST("d16" AS BIGINT)
    WHEN 22
    THEN NULL
    WHEN 23
    THEN CAST("d17" AS BIGINT)
    WHEN 24
    THEN CAST("d18" AS BIGINT)
    WHEN 25
    THEN CAST("d19" AS BIGINT)
    WHEN 26
    THEN CAST("d20" AS BIGINT)
    WHEN 27
    THEN NULL
    WHEN 28
    THEN CAST("d21" AS BIGINT)
    WHEN 29
    THEN CAST("d22" AS BIGINT)
    WHEN 30
    THEN CAST("d23" AS BIGINT)
    WHEN 31
    THEN NULL
    WHEN 32
    THEN NULL
    WHEN 33
    THEN NULL
    WHEN 34
    THEN NULL
  END AS "denominator"
FROM "level_13"
CROSS JOIN "outline"
ORDER BY
  "level_13"."inspection",
  "outline"."position";
