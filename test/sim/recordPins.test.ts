/**
 * Pins the records of seeded runs (`pinnedRuns.ts`) for every registered
 * scheduler: the SHA-256 of the `jobs.csv` that `geopipe simulate` writes,
 * and the number of refused placements. Any change of any start time, path,
 * reservation, figure or unschedulable reason of any job changes the hash.
 * A change of behaviour must be deliberate: re-pin in a commit of its own
 * whose message says what changed and why.
 */
import { describe, expect, it } from "vitest";
import { SCHEDULER_NAMES, getScheduler } from "../../src/schedulers.js";
import { simulate } from "../../src/sim/simulate.js";
import { jobsCsvHash, PINNED_RUNS } from "./pinnedRuns.js";

/** `jobs.csv` SHA-256 and policy-error count per scheduler and run. */
const PINS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  "bace": {
    "s1-load0.5-bw1": "9e251a442f178e114eade177f212bd1a9ba51dbfa20f27d1500f94be35c3110e policyErrors=0",
    "s2-load1-bw0.5": "4265ddcd66a231a3781790add813a68ac3a03dfedd220c634788050211938ce0 policyErrors=0",
    "s3-load1-bw1": "d4244924cd19210c4d761caadb502cfe58cfad0f2c7d733df4b925c349e1e6d0 policyErrors=0",
    "hourly-s2-load1-bw1": "199fd3b7464cb4708e136729789495f32ae61a452e675dae9f1fe20d3d8be6c0 policyErrors=0",
    "stress-s4-load2-gpus/12-bw0.25": "ff72c40808446834e35444a29e472d0a278cd95c68d8986bf1b43efe0731290e policyErrors=0",
    "geo12-s5-load1-bw1-40jobs": "417b9bdc973bc3e69d26d92df2b73fde68549b7ff19a5dd10236727c1e88cc77 policyErrors=0",
    "geo12x2-s6-load2-bw1-30jobs": "9ba9089686b6692f4aaba7902c7d5334ce37fd3619cadfc80ef4d415191c2414 policyErrors=0",
  },
  "delay-first": {
    "s1-load0.5-bw1": "c77d592956d397380ac3a2af907d73027665a728bc6cfbe5b69d062cb44e625e policyErrors=0",
    "s2-load1-bw0.5": "0a6a248eb2937bd28eea705c42d1ccf92c722aa7194589259c7dedbde2ba965d policyErrors=0",
    "s3-load1-bw1": "b3b0b73f19cc3de0fe4fdbcc7e6378420f315732af84aa852ff5c5245a91c1e1 policyErrors=0",
    "hourly-s2-load1-bw1": "486e9f6878ec06310a6346914aa0cbbfa78a969a87c46b788667558a14ceddb6 policyErrors=0",
    "stress-s4-load2-gpus/12-bw0.25": "2755a82864a6e3de0eed0e5d8cf2088b053e66a8f7756e2aa14b72a4b6221881 policyErrors=0",
    "geo12-s5-load1-bw1-40jobs": "8004e1bfb94544e2d8a72471f6f8236d0f77a95c99e28cca5d63dcf61f17769d policyErrors=0",
    "geo12x2-s6-load2-bw1-30jobs": "1fe195864cbee87bf565fc1987143c0bc435bb759f166f68f6a9613f01d8e9f1 policyErrors=0",
  },
  "cost-first": {
    "s1-load0.5-bw1": "36d5eef2342087579824cd5d705890936f119119b9641d9184a6b280bc0f2dfe policyErrors=0",
    "s2-load1-bw0.5": "5114dd9dc28ad0fd092eb4f5b4970259fc6aaa4c946e7559c4fd21cf91bb8849 policyErrors=0",
    "s3-load1-bw1": "97ca9cbd957b2d30dda2d0523a46604d762f147e5faf44e2751e073799f73dd5 policyErrors=0",
    "hourly-s2-load1-bw1": "2f3e9f0b6dc899da5726c56b7d5555220641f05d7b83a5892347769bcd6f9d14 policyErrors=0",
    "stress-s4-load2-gpus/12-bw0.25": "538fd61d4832060200c39e604ee1016d984328d6e3e7ba8969024a480b517637 policyErrors=0",
    "geo12-s5-load1-bw1-40jobs": "59443bb79dece316c7e3b6ff1633509f8a9932665f453a0abf80df4dd3700d2d policyErrors=0",
    "geo12x2-s6-load2-bw1-30jobs": "5e885d45bd16453dbd7520eb138985d28227c62867267bc65c9bc124330c88a8 policyErrors=0",
  },
  "fifo": {
    "s1-load0.5-bw1": "774c4cf7407b7fe22d20b2b62c0aee712c7c0fda1f09b26ea3a099af9a17acb5 policyErrors=0",
    "s2-load1-bw0.5": "46fafc98843c41ef6003414ed72314fe50c96eb78cb50ac3e502db4348366e6e policyErrors=0",
    "s3-load1-bw1": "82689df40dc18a52b7106cfafee390464fddf513b46e177b25d5cfee92207916 policyErrors=0",
    "hourly-s2-load1-bw1": "517a5e74bd09f2b7a31e424f13f8beb7582d1111dbf0334f75966a4fb479d5cb policyErrors=0",
    "stress-s4-load2-gpus/12-bw0.25": "a43c7da2f53ac2d97fc474359033e6d27a0be2215833cd8ffa92846f89358063 policyErrors=0",
    "geo12-s5-load1-bw1-40jobs": "8004e1bfb94544e2d8a72471f6f8236d0f77a95c99e28cca5d63dcf61f17769d policyErrors=0",
    "geo12x2-s6-load2-bw1-30jobs": "1fe195864cbee87bf565fc1987143c0bc435bb759f166f68f6a9613f01d8e9f1 policyErrors=0",
  },
  "sjf": {
    "s1-load0.5-bw1": "90cc810c50c19df9082f200928332234f62d0afd90c30efe6c63d2998395564c policyErrors=0",
    "s2-load1-bw0.5": "69799f99e9fe0524233542e3deed17ce875eef93ad15fae3153adb9828c6ae56 policyErrors=0",
    "s3-load1-bw1": "977d8e19eee9d50dccd6418041bc7bcec6eee8e3714903b026dabea0e61eb2be policyErrors=0",
    "hourly-s2-load1-bw1": "dc97bdb7c141a5c070e33c367af4f0583fcfedeb323fee9c925609c4289f7bae policyErrors=0",
    "stress-s4-load2-gpus/12-bw0.25": "20b40d0b6f3e630d55402accbb0dac9a2dd8a57c8124a7f252cc3bfe58dbc602 policyErrors=0",
    "geo12-s5-load1-bw1-40jobs": "8004e1bfb94544e2d8a72471f6f8236d0f77a95c99e28cca5d63dcf61f17769d policyErrors=0",
    "geo12x2-s6-load2-bw1-30jobs": "1fe195864cbee87bf565fc1987143c0bc435bb759f166f68f6a9613f01d8e9f1 policyErrors=0",
  },
  "bace-no-priority": {
    "s1-load0.5-bw1": "0efd13faa21182641650a99120771097949749a292d1cf27663eaaa75900c97a policyErrors=0",
    "s2-load1-bw0.5": "ec2552e49a734556169e37aa25f707c71b6923762a727b5dbb7663876d191f68 policyErrors=0",
    "s3-load1-bw1": "f292dfa88d5fc7bffa78047e06e45857830f58729a331f618a2de501cc6cc975 policyErrors=0",
    "hourly-s2-load1-bw1": "1325f92728788a4f2eb0da35f6e9be281a923ab67b3da6b4d7c99b2e9cbf9a4e policyErrors=0",
    "stress-s4-load2-gpus/12-bw0.25": "60af1c18a16983c410cf5513add67409f8699843dbae96e8aac44d2d4b00b13a policyErrors=0",
    "geo12-s5-load1-bw1-40jobs": "417b9bdc973bc3e69d26d92df2b73fde68549b7ff19a5dd10236727c1e88cc77 policyErrors=0",
    "geo12x2-s6-load2-bw1-30jobs": "9ba9089686b6692f4aaba7902c7d5334ce37fd3619cadfc80ef4d415191c2414 policyErrors=0",
  },
  "bace-no-pathfinder": {
    "s1-load0.5-bw1": "e3831ba739737c9a996675ad31aa306b659b8ed92b7615245a028b5a08bce19f policyErrors=0",
    "s2-load1-bw0.5": "d37d51989b44ccd5c60211abdb3e8a14cebaba5d5eec7d866ee8d43e7115097e policyErrors=0",
    "s3-load1-bw1": "e11078a31c0e0e9ef1ff7a72090069c34e8188f0c6cde6db10d0cc7d14bb8f72 policyErrors=0",
    "hourly-s2-load1-bw1": "9e80726f4cb68f1fa57152867fe9dc736b642825a922b072a9007711b6617839 policyErrors=0",
    "stress-s4-load2-gpus/12-bw0.25": "7896dcdd50dd1508f8aa96a96a103edb451e71d53a4ef18c8dbe408fefb5b117 policyErrors=0",
    "geo12-s5-load1-bw1-40jobs": "417b9bdc973bc3e69d26d92df2b73fde68549b7ff19a5dd10236727c1e88cc77 policyErrors=0",
    "geo12x2-s6-load2-bw1-30jobs": "9ba9089686b6692f4aaba7902c7d5334ce37fd3619cadfc80ef4d415191c2414 policyErrors=0",
  },
  "bace-no-costmin": {
    "s1-load0.5-bw1": "eefc50b1212709305b09cd927fcbc115001e61e6d6065df77276e20e80d37fe0 policyErrors=0",
    "s2-load1-bw0.5": "2a2b5b0acb00e60e08e57f7e739fbd6ab2aedcb5cd847f7adb2f7a6b03f6a7d7 policyErrors=0",
    "s3-load1-bw1": "7973e89b5f98015102fa93d97ed2f315c498a6251e4a4ae72d9039de74d9ee0b policyErrors=0",
    "hourly-s2-load1-bw1": "384a618bafaab7a6fab84c61a40e92731c1b3c302443582ceef89327685b31bd policyErrors=0",
    "stress-s4-load2-gpus/12-bw0.25": "995f63f018a55032343031a188c9e4201fe6bcc7df3745a5f5e133b75b561a64 policyErrors=0",
    "geo12-s5-load1-bw1-40jobs": "8004e1bfb94544e2d8a72471f6f8236d0f77a95c99e28cca5d63dcf61f17769d policyErrors=0",
    "geo12x2-s6-load2-bw1-30jobs": "1fe195864cbee87bf565fc1987143c0bc435bb759f166f68f6a9613f01d8e9f1 policyErrors=0",
  },
  "bace-wait": {
    "s1-load0.5-bw1": "d5c0ec3ac77a6e8d2cb22647dfea452a5a961656d46a2caa9d1fdbef5c4b4b2d policyErrors=0",
    "s2-load1-bw0.5": "3fb77e7a9e47dae453fd2dcabbccf7226b87e3b5ac688be1b308c20532e76bb2 policyErrors=0",
    "s3-load1-bw1": "40a1f1f7669a347662e56d4c91ec76658bac79313cbd5580ff58cc63292c4e27 policyErrors=0",
    "hourly-s2-load1-bw1": "52ea200decb825a9f36405109c95f71d5c4c70e9be0e89881d009018da4c8b46 policyErrors=0",
    "stress-s4-load2-gpus/12-bw0.25": "0310b1c375b0e9e0a48bd62d8a42d2e746a03d0871d40f2e970186ffc7378f22 policyErrors=0",
    "geo12-s5-load1-bw1-40jobs": "6d9fd6c58b7f299a7e2f8cfbd0af40aba3cd678f8300e1810faadf93cea7e935 policyErrors=0",
    "geo12x2-s6-load2-bw1-30jobs": "69c5faf7b33ca44e87df591bbe9fc2434b5dda8267df9861895dfd998aa5793f policyErrors=0",
  },
};

describe("records of pinned seeded runs", () => {
  for (const name of SCHEDULER_NAMES) {
    for (const run of PINNED_RUNS) {
      it(`simulate(${run.name}, ${name}) writes the pinned jobs.csv`, () => {
        const result = simulate(run.input(), getScheduler(name));
        const got = `${jobsCsvHash(result.records)} policyErrors=${result.summary.policyErrors}`;
        expect(got, `pin of ${name} / ${run.name}`).toBe(PINS[name]?.[run.name]);
      });
    }
  }
});
